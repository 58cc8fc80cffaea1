using Fractions;

namespace Nara.Voting.Rules;

/// <summary>
/// Sequential Phragmén: voters earn money continuously; a project is bought the moment its supporters together
/// hold its cost, and they spend everything they hold. Equivalently, each round buys the project that
/// minimises its supporters' new (equal) load (cost + their loads) / their weight. Projects that no longer fit
/// the budget left are skipped. Points act as weights (1 for approval). Exact arithmetic.
/// </summary>
public static class Phragmen
{
    public const string Name = "phragmen";

    public static Outcome Run(Election election)
    {
        var projects = election.Projects;
        var supporters = election.Supporters();
        var results = new List<ProjectOutcome>();
        var active = new List<int>();
        foreach (var p in election.TieOrder())
        {
            if (supporters[p].Length == 0)
            {
                results.Add(new ProjectOutcome(projects[p].Id, false, Reason.NoSupport, 0, []));
            }
            else
            {
                active.Add(p);
            }
        }

        var loads = new ShareClasses(Fraction.Zero, election.Ballots.Count);
        var left = election.Budget;
        var round = 0;
        while (active.Count > 0)
        {
            var best = -1;
            var bestLoad = Fraction.Zero;
            for (var i = 0; i < active.Count; i++)
            {
                var p = active[i];
                if (projects[p].Cost > left)
                {
                    results.Add(new ProjectOutcome(projects[p].Id, false, Reason.NotEnoughBudgetLeft, 0, []));
                    active.RemoveAt(i--);
                    continue;
                }

                var total = election.CostOf(p);
                long weight = 0;
                foreach (var ((loadClass, points), count) in loads.Group(supporters[p]))
                {
                    total += loads.Value(loadClass) * points * count;
                    weight += (long)points * count;
                }

                var load = total / weight;
                if (best < 0 || load < bestLoad)
                {
                    (best, bestLoad) = (p, load);
                }
            }

            if (best < 0)
            {
                break;
            }

            var newClass = loads.ClassFor(bestLoad);
            foreach (var (voter, _) in supporters[best])
            {
                loads.Set(voter, newClass);
            }

            left -= projects[best].Cost;
            results.Add(new ProjectOutcome(projects[best].Id, true, Reason.Funded, ++round, []));
            active.Remove(best);
        }

        return Outcomes.From(election, Name, results);
    }
}
