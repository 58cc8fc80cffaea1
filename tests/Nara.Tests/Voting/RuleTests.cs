using Nara.Voting;
using Nara.Voting.Rules;

namespace Nara.Tests.Voting;

/// <summary>
/// Expected outcomes from the published test cases of the pabutools research library
/// (github.com/pbvoting/pabutools, tests of the Method of Equal Shares, sequential Phragmén and greedy rules),
/// as quoted in Nara's participatory-budgeting issue. Approval ballots; projects written pX(cost).
/// </summary>
public sealed class RuleTests
{
    [Fact]
    public void EqualShares_PabutoolsCase1_SelectsP0AndP2()
    {
        var election = Build(4m, [("p0", 1m), ("p1", 0.9m), ("p2", 2m), ("p3", 1.09m)],
            ["p0"], ["p1", "p2", "p3"], ["p1", "p2", "p3"], ["p2"]);

        Assert.Equal(["p0", "p2"], EqualShares.Run(election).Selected.Order());
    }

    [Fact]
    public void EqualSharesAndPhragmen_PabutoolsCase2()
    {
        var election = Build(4m, [.. "abcdefg".Select(c => (c.ToString(), 1m))],
            ["a", "b"], ["a", "b"], ["a", "b"], ["a", "c"], ["a", "c"], ["a", "c"], ["a", "d"], ["a", "d"], ["b", "c", "f"], ["e"], ["f"], ["g"]);

        Assert.Equal(["a"], EqualShares.Run(election).Selected);
        Assert.Equal(["a", "b", "c", "d"], Phragmen.Run(election).Selected.Order());
    }

    [Fact]
    public void EqualShares_PabutoolsCase3_AloneAndCompletedGreedily()
    {
        var election = Build(5m, [("a", 1m), ("b", 2m), ("c", 2m), ("d", 1m), ("e", 1m), ("f", 1m)],
            ["a", "b"], ["a", "b"], ["a"], ["a", "c"], ["a", "c"], ["a", "c"], ["a", "d"], ["a", "d"], ["f"], ["e"]);

        Assert.Equal(["a"], EqualShares.Run(election).Selected);
        Assert.Equal(["a", "b", "c"], EqualShares.RunCompletedGreedily(election).Selected.Order());
    }

    [Fact]
    public void EqualShares_PabutoolsCase4_SelectsP1()
    {
        var election = Build(4m, [("p1", 2m), ("p2", 2m), ("p3", 3m)],
            ["p1"], ["p1"], ["p1"], ["p1"], ["p1"], ["p2"], ["p3"], ["p3"]);

        Assert.Equal(["p1"], EqualShares.Run(election).Selected);
    }

    [Theory]
    [InlineData(Greedy.Name)]
    [InlineData(EqualShares.Name)]
    [InlineData(EqualShares.Add1Name)]
    [InlineData(EqualShares.CompletedGreedilyName)]
    [InlineData(Phragmen.Name)]
    public void AnyRule_PabutoolsCase5_BudgetCoversAllAndOneVoterApprovesAll_EveryProject(string rule)
    {
        var election = Build(10m, [("x", 1m), ("y", 2m), ("z", 3m)], ["x", "y", "z"]);

        Assert.Equal(["x", "y", "z"], AllocationRules.ByName[rule](election).Selected.Order());
    }

    [Fact]
    public void EqualShares_Explanation_SaysWhoPaidWhatAndWhyOthersFailed()
    {
        var election = Build(4m, [("p1", 2m), ("p2", 2m), ("p3", 3m)],
            ["p1"], ["p1"], ["p1"], ["p1"], ["p1"], ["p2"], ["p3"], ["p3"]);

        var outcome = EqualShares.Run(election);

        var p1 = outcome.Projects.Single(p => p.ProjectId == "p1");
        Assert.Equal([new SupporterPayment(5, 0.4m)], p1.Payments);
        Assert.Equal(Reason.SupportersCouldNotCover, outcome.Projects.Single(p => p.ProjectId == "p3").Reason);
    }

    [Fact]
    public void Greedy_SkipsWhatNoLongerFits_AndSaysSo()
    {
        var election = Build(5m, [("big", 4m), ("mid", 3m), ("small", 1m)],
            ["big"], ["big"], ["big"], ["mid"], ["mid"], ["small"]);

        var outcome = Greedy.Run(election);

        Assert.Equal(["big", "small"], outcome.Selected);
        Assert.Equal(Reason.NotEnoughBudgetLeft, outcome.Projects.Single(p => p.ProjectId == "mid").Reason);
        Assert.Equal(5m, outcome.Cost);
    }

    [Fact]
    public void EqualSharesAdd1_RaisesSharesUntilExhaustive()
    {
        // Two groups of equal size; Equal Shares alone funds one project per group only after raising shares.
        var election = Build(10m, [("a", 6m), ("b", 6m), ("c", 4m)],
            ["a", "c"], ["a", "c"], ["b"], ["b"]);

        var plain = EqualShares.Run(election);
        var add1 = EqualShares.RunAdd1(election);

        Assert.True(add1.Cost <= 10m);
        Assert.True(add1.Cost >= plain.Cost);
        Assert.DoesNotContain(election.Projects, p => !add1.Selected.Contains(p.Id) && p.Cost <= 10m - add1.Cost);
    }

    [Fact]
    public void Rules_TieBrokenByProjectIdInLexicographicOrder()
    {
        var election = Build(1m, [("b", 1m), ("a", 1m)], ["a", "b"]);

        foreach (var rule in AllocationRules.ByName.Values)
        {
            Assert.Equal(["a"], rule(election).Selected);
        }
    }

    internal static Election Build(decimal budget, (string Id, decimal Cost)[] projects, params string[][] ballots)
    {
        var index = projects.Select((p, i) => (p.Id, i)).ToDictionary(x => x.Id, x => x.i);
        return new Election
        {
            Budget = budget,
            Projects = [.. projects.Select(p => new Project(p.Id, p.Cost))],
            Ballots = [.. ballots.Select(b => Ballot.Approve([.. b.Select(id => index[id])]))],
        };
    }
}
