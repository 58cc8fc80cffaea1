using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nara.Budgeting;
using Nara.Platform.Storage;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Budgeting;

/// <summary>
/// Each ballot type through the ballot page — k-approval, cumulative points, ranked — with its bad ballots refused
/// clearly; district budgets giving each district its own ballot and result; and a ballot cast outside voting refused.
/// </summary>
public sealed class BallotTypeTests() : AppTest(new NaraApp().With("Budgeting:ResultsInterval", "0"))
{
    [Fact]
    public async Task KApproval_MoreThanKRefused_ResultByVotes()
    {
        var (process, voters, projects) = await PrepareAsync("k-approval", "greedy", maxProjects: 2);
        var tooMany = await voters[0].CastApprovalAsync(process, projects);
        var none = await voters[0].CastApprovalAsync(process, []);
        var zero = await voters[0].SubmitAsync(await voters[0].OpenAsync($"/budgets/{process}/ballot"), new Dictionary<string, string?> { ["choice"] = "0" });
        await voters[0].CastApprovalAsync(process, [projects[0], projects[1]]);
        await voters[1].CastApprovalAsync(process, [projects[0]]);
        await voters[2].CastApprovalAsync(process, [projects[2]]);
        var results = await FinishAsync(process);

        Assert.Contains("Choose at most 2 projects.", tooMany.Errors);
        Assert.Contains("Choose at least one project.", none.Errors);
        Assert.Contains("Project 0 is not on this ballot.", zero.Errors);
        // Greedy by votes within 10,000: A (2 votes, 4,000) then B or C (1 vote each; B first by id), 4,000 each → both fit? 4,000+4,000+4,000 > 10,000: C is skipped.
        Assert.Equal([true, true, false], results.Select(p => p.Funded == true));
        Assert.Equal("NotEnoughBudgetLeft", results[2].ResultReason);
        Assert.Equal([2L, 1L, 1L], results.Select(p => p.Score ?? -1));
    }

    [Fact]
    public async Task Cumulative_PointsMustSumExactly_ResultByPoints()
    {
        var (process, voters, projects) = await PrepareAsync("cumulative", "greedy", points: 10);
        var tooFew = await voters[0].CastNumbersAsync(process, new Dictionary<long, int> { [projects[0]] = 3 });
        var notNumber = await voters[0].SubmitAsync(await voters[0].OpenAsync($"/budgets/{process}/ballot"), new Dictionary<string, string?> { [$"n-{projects[0]}"] = "ten" });
        var cast = await voters[0].CastNumbersAsync(process, new Dictionary<long, int> { [projects[0]] = 3, [projects[2]] = 7 });
        await voters[1].CastNumbersAsync(process, new Dictionary<long, int> { [projects[1]] = 10 });
        await voters[2].CastNumbersAsync(process, new Dictionary<long, int> { [projects[2]] = 10 });
        var results = await FinishAsync(process);

        Assert.Contains("Give out exactly 10 points; you gave 3.", tooFew.Errors);
        Assert.Contains("Enter whole numbers only.", notNumber.Errors);
        Assert.Contains("Your ballot is stored.", cast.Html, StringComparison.Ordinal);
        Assert.Equal([3L, 10L, 17L], results.Select(p => p.Score ?? -1));
        // By points: C (17) and B (10) are funded (8,000 of 10,000); A no longer fits.
        Assert.Equal([false, true, true], results.Select(p => p.Funded == true));
    }

    [Fact]
    public async Task Ranked_GapsAndRepeatsRefused_BordaPoints()
    {
        var (process, voters, projects) = await PrepareAsync("ranked", "greedy", maxProjects: 3);
        var gap = await voters[0].CastNumbersAsync(process, new Dictionary<long, int> { [projects[0]] = 1, [projects[1]] = 3 });
        var repeat = await voters[0].CastNumbersAsync(process, new Dictionary<long, int> { [projects[0]] = 1, [projects[1]] = 1 });
        await voters[0].CastNumbersAsync(process, new Dictionary<long, int> { [projects[2]] = 1, [projects[0]] = 2 });
        await voters[1].CastNumbersAsync(process, new Dictionary<long, int> { [projects[2]] = 1 });
        await voters[2].CastNumbersAsync(process, new Dictionary<long, int> { [projects[1]] = 1, [projects[2]] = 2, [projects[0]] = 3 });
        var results = await FinishAsync(process);
        var pb = await app.Session().Client.GetStringAsync($"/budgets/{process}/ballots.pb");

        Assert.Contains("Number your choices 1, 2, 3 … without gaps or repeats.", gap.Errors);
        Assert.Contains("Number your choices 1, 2, 3 … without gaps or repeats.", repeat.Errors);
        // Borda as Pabulib tools count it (a ballot's length minus the position): A: 1 + 1 = 2; B: 3; C: 2 + 1 + 2 = 5.
        Assert.Equal([2L, 3L, 5L], results.Select(p => p.Score ?? -1));
        var recounted = Nara.Voting.Pabulib.PabulibReader.Read(new StringReader(pb)).Scores();
        Assert.Equal([2L, 3L, 5L], recounted);
        Assert.Contains("vote_type;ordinal", pb, StringComparison.Ordinal);
        Assert.Contains($"{projects[2]},{projects[0]}", pb, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DistrictBudgets_EachDistrictVotesOnItsOwnProjects_ResultsPerDistrict()
    {
        var (agency, _) = await app.CreateAgencyAsync();
        using var administrator = await app.SignInAsync(await app.CreateStaffAsync("administrator"));
        var process = await administrator.CreateProcessAsync(agency, rule: "greedy", districts: new Dictionary<string, string> { ["north"] = "5000", ["south"] = "3000" });
        await LoadCensusAsync(administrator, process, "N-1,north", "S-1,south");
        using var north = await app.SignInCitizenAsync();
        using var south = await app.SignInCitizenAsync();
        await north.VerifyAsync(process, "N-1", "1990-01-01");
        await south.VerifyAsync(process, "S-1", "1990-01-01");
        var well = await north.ProposeAsync(process, "A well in the north", "4000", "north");
        var road = await south.ProposeAsync(process, "A road in the south", "3000", "south");
        var school = await south.ProposeAsync(process, "A school roof in the south", "2500", "south");
        using var officer = await app.SignInAsync(await app.CreateStaffAsync("officer", agency));
        await app.MoveToAsync(process, "review");
        foreach (var project in new[] { well, road, school })
        {
            await officer.ReviewAsync(process, project, true, "Checked on site by the district engineer.");
        }

        await app.MoveToAsync(process, "voting");
        var northBallot = await north.OpenAsync($"/budgets/{process}/ballot");
        var overBudget = await south.CastApprovalAsync(process, [road, school]);
        var other = await north.SubmitAsync(northBallot, new Dictionary<string, string?> { ["choice"] = road.ToString(CultureInfo.InvariantCulture) });
        await north.CastApprovalAsync(process, [well]);
        await south.CastApprovalAsync(process, [school]);
        await app.MoveToAsync(process, "results");
        await app.PublishResultsAsync();
        var projects = await app.WithScopeAsync(sp => sp.GetRequiredService<NaraDb>().Set<BudgetProject>().Where(p => p.ProcessId == process).ToDictionaryAsync(p => p.Id));
        var southPb = await app.Session().Client.GetStringAsync($"/budgets/{process}/ballots.pb?district=south");
        var results = await app.Session().OpenAsync($"/budgets/{process}");

        Assert.DoesNotContain("A road in the south", northBallot.Html, StringComparison.Ordinal);
        Assert.Contains("Your choices cost 5,500 DMD, more than the budget of 3,000 DMD. Remove a project.", overBudget.Errors);
        Assert.Contains($"Project {road} is not on this ballot.", other.Errors);
        Assert.True(projects[well].Funded);
        Assert.True(projects[school].Funded);
        Assert.False(projects[road].Funded);
        Assert.Equal("NoSupport", projects[road].ResultReason);
        Assert.Contains("Northern Region: 4,000 DMD of 5,000 DMD funded.", results.Html, StringComparison.Ordinal);
        Assert.Contains("Southern Region: 2,500 DMD of 3,000 DMD funded.", results.Html, StringComparison.Ordinal);
        Assert.Contains($"/budgets/{process}/ballots.pb?district=south", results.Html, StringComparison.Ordinal);
        Assert.Contains("subunit;south", southPb, StringComparison.Ordinal);
        Assert.Contains("budget;3000", southPb, StringComparison.Ordinal);
        Assert.DoesNotContain("A well in the north", southPb, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BallotOutsideVoting_Refused_AndSecondBallotReplaces()
    {
        var (process, _, projects) = await PrepareAsync("approval", "greedy");
        var first = await Cast(process, projects[0]);
        var second = await Cast(process, projects[1]);
        await app.MoveToAsync(process, "results");
        var late = await Cast(process, projects[2]);
        var ballots = await app.WithScopeAsync(sp => sp.GetRequiredService<NaraDb>().Set<BudgetBallot>().Where(b => b.ProcessId == process).ToListAsync());

        Assert.True(first.Succeeded);
        Assert.True(second.Succeeded);
        Assert.Equal("Voting is not open in this process.", late.Errors[""].Message);
        Assert.Equal($"{projects[1]}:1", Assert.Single(ballots).Choices);
    }

    /// <summary>Casts for the first verified voter through the handler the ballot page calls.</summary>
    private async Task<BudgetResult> Cast(long process, long project)
    {
        var person = await app.WithScopeAsync(sp => sp.GetRequiredService<NaraDb>().Set<EligibleVoter>()
            .Where(v => v.ProcessId == process && v.PersonId != null).OrderBy(v => v.Hash).Select(v => v.PersonId!.Value).FirstAsync());
        return await app.WithScopeAsync(async sp =>
        {
            var work = sp.GetRequiredService<BudgetWork>();
            var found = (await work.FindAsync(process, default))!;
            return (await work.CastAsync(found, person, new Dictionary<long, int> { [project] = 1 }, default)).Result;
        });
    }

    /// <summary>A process in its voting phase: three verified voters, three feasible projects A, B, C costing 4,000 each, budget 10,000.</summary>
    private async Task<(long Process, WebSession[] Voters, long[] Projects)> PrepareAsync(string ballotType, string rule, int? maxProjects = null, int? points = null)
    {
        var (agency, _) = await app.CreateAgencyAsync();
        using var administrator = await app.SignInAsync(await app.CreateStaffAsync("administrator"));
        var process = await administrator.CreateProcessAsync(agency, ballotType, rule, "10000", maxProjects, points);
        await LoadCensusAsync(administrator, process, "V-1,north", "V-2,north", "V-3,south");
        var voters = new WebSession[3];
        for (var i = 0; i < 3; i++)
        {
            voters[i] = await app.SignInCitizenAsync();
            await voters[i].VerifyAsync(process, $"V-{i + 1}", "1990-01-01");
        }

        var projects = new long[3];
        for (var i = 0; i < 3; i++)
        {
            projects[i] = await voters[0].ProposeAsync(process, $"Project {(char)('A' + i)}", "4000");
        }

        using var officer = await app.SignInAsync(await app.CreateStaffAsync("officer", agency));
        await app.MoveToAsync(process, "review");
        foreach (var project in projects)
        {
            await officer.ReviewAsync(process, project, true, "Checked on site by the district engineer.");
        }

        await app.MoveToAsync(process, "voting");
        return (process, voters, projects);
    }

    private async Task<List<BudgetProject>> FinishAsync(long process)
    {
        await app.MoveToAsync(process, "results");
        Assert.Equal(1, await app.PublishResultsAsync());
        return await app.WithScopeAsync(sp => sp.GetRequiredService<NaraDb>().Set<BudgetProject>().Where(p => p.ProcessId == process).OrderBy(p => p.Id).ToListAsync());
    }

    private static async Task LoadCensusAsync(WebSession administrator, long process, params string[] people)
    {
        var csv = "national_id,date_of_birth,district\n" + string.Concat(people.Select(p => $"{p.Split(',')[0]},1990-01-01,{p.Split(',')[1]}\n"));
        var loaded = await administrator.UploadAsync(await administrator.OpenAsync($"/office/budgets/{process}"), "form[action*='handler=Census']", new Dictionary<string, string>(), "List", "list.csv", Encoding.UTF8.GetBytes(csv));
        Assert.Contains($"{people.Length} people added to the list.", loaded.Html, StringComparison.Ordinal);
    }
}
