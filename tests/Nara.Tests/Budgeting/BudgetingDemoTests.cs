using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nara.Budgeting;
using Nara.Platform.Storage;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Budgeting;

/// <summary>The demo's participatory budgets: one in its voting phase that a visitor can join, one finished with results and milestones.</summary>
public sealed class BudgetingDemoTests() : AppTest(new NaraApp().With("Budgeting:ResultsInterval", "0"))
{
    [Fact]
    public async Task Demo_VotingProcessToJoin_FinishedProcessWithResultsAndMilestones()
    {
        await Nara.Web.Demo.DemoData.SeedAsync(app.Services, default);
        await Nara.Web.Demo.DemoData.SeedAsync(app.Services, default);
        var (processes, ballots, milestones) = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<NaraDb>();
            return (await db.Set<BudgetProcess>().OrderBy(p => p.Id).ToListAsync(), await db.Set<BudgetBallot>().ToListAsync(), await db.Set<BudgetMilestone>().CountAsync());
        });
        var voting = processes.Single(p => p.ResultsAt is null);
        var finished = processes.Single(p => p.ResultsAt is not null);
        using var visitor = app.Session();
        var results = await visitor.OpenAsync($"/budgets/{finished.Id}");
        using var citizen = await app.SignInCitizenAsync();
        var verified = await citizen.VerifyAsync(voting.Id, "DEMO-0003", "1990-01-01");
        var ballot = await citizen.OpenAsync($"/budgets/{voting.Id}/ballot");

        Assert.Equal(2, processes.Count);
        Assert.Equal("voting", Phases.At(voting, DateTimeOffset.UtcNow));
        Assert.Equal("implementation", Phases.At(finished, DateTimeOffset.UtcNow));
        Assert.Equal(45, ballots.Count(b => b.ProcessId == voting.Id));
        Assert.Equal(3, ballots.Where(b => b.ProcessId == voting.Id).Select(b => b.District).Distinct().Count());
        Assert.Equal(40, ballots.Count(b => b.ProcessId == finished.Id));
        Assert.True(milestones >= 4);
        Assert.Contains("Funded in round 1:", results.Html, StringComparison.Ordinal);
        Assert.Contains("Not funded:", results.Html, StringComparison.Ordinal);
        Assert.Contains("You are verified to take part in this process.", verified.Html, StringComparison.Ordinal);
        Assert.Equal(4, ballot.Document.QuerySelectorAll("input[name=choice]").Length);
    }
}
