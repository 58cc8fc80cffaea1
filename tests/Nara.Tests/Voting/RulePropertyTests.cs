using CsCheck;
using Nara.Voting;
using Nara.Voting.Rules;

namespace Nara.Tests.Voting;

/// <summary>Properties every allocation must keep, on random small elections (CsCheck).</summary>
public sealed class RulePropertyTests
{
    private static readonly Gen<Election> Elections =
        from projectCount in Gen.Int[1, 7]
        from costs in Gen.Int[0, 20].Array[projectCount]
        from budget in Gen.Int[0, 60]
        from voterCount in Gen.Int[0, 12]
        from ballots in Gen.Int[0, (1 << projectCount) - 1].Array[voterCount]
        select new Election
        {
            Budget = budget,
            Projects = [.. costs.Select((c, i) => new Project($"p{i}", c))],
            Ballots = [.. ballots.Select(mask => Ballot.Approve([.. Enumerable.Range(0, projectCount).Where(p => (mask & (1 << p)) != 0)]))],
        };

    [Fact]
    public void EveryRule_NeverExceedsTheBudget() =>
        Elections.Sample(election =>
            AllocationRules.ByName.Values.All(rule => rule(election) is var outcome
                && outcome.Cost <= election.Budget
                && outcome.Cost == election.Projects.Where(p => outcome.Selected.Contains(p.Id)).Sum(p => p.Cost)));

    [Fact]
    public void Greedy_EqualsBruteForceDefinition() =>
        Elections.Sample(election => Greedy.Run(election).Selected.SequenceEqual(BruteForceGreedy(election)));

    [Fact]
    public void EqualShares_InvariantUnderRenamingVoters() =>
        Gen.Select(Elections, Gen.Int).Sample((election, seed) =>
        {
            var shuffled = new Election
            {
                Budget = election.Budget,
                Projects = election.Projects,
                Ballots = [.. election.Ballots.OrderBy(_ => new Random(seed).Next())],
            };
            return EqualShares.Run(election).Selected.SequenceEqual(EqualShares.Run(shuffled).Selected);
        });

    [Fact]
    public void Greedy_AddingAVoterWhoApprovesNothing_ChangesNothing() =>
        Elections.Sample(election =>
        {
            var more = new Election { Budget = election.Budget, Projects = election.Projects, Ballots = [.. election.Ballots, Ballot.Approve()] };
            return Greedy.Run(election).Selected.SequenceEqual(Greedy.Run(more).Selected);
        });

    [Fact]
    public void EqualShares_EveryFundedProjectPaidInFullBySupporters() =>
        Elections.Sample(election =>
            EqualShares.Run(election).Projects.Where(p => p.Funded).All(p =>
                p.Payments.Sum(pay => pay.Voters * pay.Each) is var paid
                && Math.Abs(paid - election.Projects.Single(x => x.Id == p.ProjectId).Cost) < 0.000001m));

    /// <summary>Greedy by its definition, written the slow and obvious way: consider projects by votes, then id.</summary>
    private static IEnumerable<string> BruteForceGreedy(Election election)
    {
        var votes = election.Projects.Select((p, i) => (p, votes: election.Ballots.Count(b => b.Projects.Contains(i)))).ToList();
        var left = election.Budget;
        foreach (var (project, count) in votes.OrderByDescending(v => v.votes).ThenBy(v => v.p.Id, StringComparer.Ordinal))
        {
            if (count > 0 && project.Cost <= left)
            {
                left -= project.Cost;
                yield return project.Id;
            }
        }
    }
}
