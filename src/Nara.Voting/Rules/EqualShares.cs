using Fractions;

namespace Nara.Voting.Rules;

/// <summary>
/// The Method of Equal Shares (Peters and Skowron), with cost utilities for approval ballots (a voter's
/// utility for a project is its cost) and points as utilities otherwise. Every voter gets an equal share of
/// the budget; a project is bought by its supporters paying equally, each as far as their remaining share
/// allows; each round buys the project whose supporters pay the lowest maximum amount per unit of utility.
/// All arithmetic is exact (fractions over big integers).
/// </summary>
/// <remarks>
/// Voters who have paid the same so far hold the same remaining share, so shares are kept as a handful of
/// distinct values ("classes") with a class per voter; each round is linear in the number of supporters and
/// does fraction arithmetic only once per class.
/// </remarks>
public static class EqualShares
{
    public const string Name = "mes";
    public const string CompletedGreedilyName = "mes-greedy";
    public const string Add1Name = "mes-add1";

    public static Outcome Run(Election election)
    {
        var run = Compute(election, Fraction.FromDecimal(election.Budget));
        return Outcomes.From(election, Name, run.Results);
    }

    /// <summary>Equal Shares, then what is left filled greedily by votes.</summary>
    public static Outcome RunCompletedGreedily(Election election) =>
        Greedy.Fill(election, Compute(election, Fraction.FromDecimal(election.Budget)).Results, CompletedGreedilyName);

    /// <summary>
    /// Equal Shares completed as Aarau (2023) and Świecie (2024) did: raise every voter's share by one currency
    /// unit at a time and run again, stopping at the first outcome that is exhaustive (no unselected supported
    /// project fits the money left), or keeping the last outcome within the real budget when the next would
    /// exceed it; then fill what is left greedily.
    /// </summary>
    public static Outcome RunAdd1(Election election)
    {
        var budget = election.Budget;
        var voters = election.Ballots.Count;
        var best = Compute(election, Fraction.FromDecimal(budget));
        if (voters > 0)
        {
            var maxCost = election.Projects.Count == 0 ? 0 : election.Projects.Max(p => p.Cost);
            for (var extra = 1; !IsExhaustive(election, best) && budget / voters + extra - 1 < maxCost; extra++)
            {
                var next = Compute(election, Fraction.FromDecimal(budget) + new Fraction(extra) * voters);
                if (next.Cost > budget)
                {
                    break;
                }

                best = next;
            }
        }

        return Greedy.Fill(election, best.Results, Add1Name);
    }

    private static bool IsExhaustive(Election election, Pass run)
    {
        var left = election.Budget - run.Cost;
        return !run.Results.Any(r => !r.Funded && r.Reason != Reason.NoSupport
            && election.Projects.First(p => p.Id == r.ProjectId).Cost <= left);
    }

    internal sealed record Pass(List<ProjectOutcome> Results, decimal Cost);

    internal static Pass Compute(Election election, Fraction budget)
    {
        var projects = election.Projects;
        var supporters = election.Supporters();
        var results = new Dictionary<int, ProjectOutcome>();
        var voters = election.Ballots.Count;
        var costUtility = election.Kind is BallotKind.Approval or BallotKind.ChooseOne;
        var active = new List<int>();
        foreach (var p in election.TieOrder())
        {
            if (supporters[p].Length == 0 || voters == 0)
            {
                results[p] = new ProjectOutcome(projects[p].Id, false, Reason.NoSupport, 0, []);
            }
            else
            {
                active.Add(p);
            }
        }

        var shares = new ShareClasses(budget / voters, voters);
        var round = 0;
        decimal spent = 0;

        // Lazy evaluation: a project's ρ can only grow as shares shrink, so the queue holds lower bounds ordered
        // by (ρ, tie order). The head is recomputed; if it still beats the next bound it is the true minimum.
        var order = new Dictionary<int, int>();
        foreach (var p in active)
        {
            order[p] = order.Count;
        }

        var queue = new PriorityQueue<int, (Fraction Rho, int Order)>(Comparer<(Fraction Rho, int Order)>.Create((a, b) =>
        {
            var byRho = a.Rho.CompareTo(b.Rho);
            return byRho != 0 ? byRho : a.Order.CompareTo(b.Order);
        }));
        foreach (var p in active)
        {
            queue.Enqueue(p, (Fraction.Zero, order[p]));
        }

        while (queue.TryDequeue(out var p, out _))
        {
            var cost = election.CostOf(p);
            var rho = MaxPaymentPerUtility(shares, supporters[p], cost, costUtility);
            if (rho is null)
            {
                // Shares only ever shrink: once unaffordable, always unaffordable.
                results[p] = new ProjectOutcome(projects[p].Id, false, Reason.SupportersCouldNotCover, 0, []);
                continue;
            }

            var exact = (rho.Value, order[p]);
            if (queue.TryPeek(out _, out var next) && queue.Comparer.Compare(exact, next) > 0)
            {
                queue.Enqueue(p, exact);
                continue;
            }

            var payments = shares.Charge(supporters[p], rho.Value, costUtility ? cost : Fraction.One);
            results[p] = new ProjectOutcome(projects[p].Id, true, Reason.Funded, ++round, payments);
            spent += projects[p].Cost;
        }

        return new Pass([.. results.Values], spent);
    }

    /// <summary>
    /// The least ρ with Σ min(share, ρ·u) = cost over the supporters, or null when their shares cannot cover it.
    /// Supporters are taken in groups of equal share and equal points.
    /// </summary>
    private static Fraction? MaxPaymentPerUtility(ShareClasses shares, (int Voter, int Points)[] supporters, Fraction cost, bool costUtility)
    {
        if (cost.IsZero)
        {
            // A free project costs nobody anything (and a cost utility of zero would divide by zero below).
            return Fraction.Zero;
        }

        var groups = shares.Group(supporters);
        var money = Fraction.Zero;
        var totalUtility = Fraction.Zero;
        var items = new List<(Fraction Ratio, Fraction Share, Fraction Utility, int Count)>();
        foreach (var ((shareClass, points), count) in groups)
        {
            var share = shares.Value(shareClass);
            var utility = costUtility ? cost * points : new Fraction(points);
            money += share * count;
            totalUtility += utility * count;
            items.Add((share / utility, share, utility, count));
        }

        if (money < cost)
        {
            return null;
        }

        // Ratio computed once per group, not in the comparer: fraction division is the expensive part.
        items.Sort((a, b) => a.Ratio.CompareTo(b.Ratio));
        var remaining = cost;
        foreach (var (_, share, utility, count) in items)
        {
            var rho = remaining / totalUtility;
            if (rho * utility <= share)
            {
                return rho;
            }

            // This group cannot pay its equal part: it gives everything it has left.
            remaining -= share * count;
            totalUtility -= utility * count;
        }

        // Everyone pays their whole share, which is exactly the cost.
        return items[^1].Ratio;
    }
}
