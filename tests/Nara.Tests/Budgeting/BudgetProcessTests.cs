using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nara.Budgeting;
using Nara.Platform.Storage;
using Nara.Tests.Infrastructure;
using Nara.Transparency.Log;
using Nara.Voting.Pabulib;
using Nara.Voting.Rules;

namespace Nara.Tests.Budgeting;

/// <summary>
/// A participatory budget's whole life through its pages: created by an administrator, the electoral list loaded
/// (bad lines refused), residents verified (census details or a posted code), projects proposed and supported, reviewed
/// (feasible or not, cost adjusted, a duplicate merged), ballots cast and replaced, results computed by Equal Shares and
/// explained, the anonymised ballots published as Pabulib and recomputable, implementation milestones recorded — with
/// every public step in the public log and no one's identity there.
/// </summary>
public sealed class BudgetProcessTests() : AppTest(new NaraApp().With("Budgeting:ResultsInterval", "0"))
{
    private const string Census = "national_id,date_of_birth,district\nA-100,1980-05-01,north\nA-200,1991-02-03,south\nA-300,1975-12-24,capital\n";

    [Fact]
    public async Task Process_FromProposalsToImplementation()
    {
        var (agency, _) = await app.CreateAgencyAsync("City Works");
        using var administrator = await app.SignInAsync(await app.CreateStaffAsync("administrator"));
        using var officer = await app.SignInAsync(await app.CreateStaffAsync("officer", agency));
        var empty = await administrator.SubmitAsync(await administrator.OpenAsync("/office/budgets/new"), new Dictionary<string, string?> { ["Title"] = "" });
        var id = await administrator.CreateProcessAsync(agency, budget: "30000");

        // The electoral list: a bad line refuses the whole file, naming the line; a good one is loaded as hashes.
        var manage = await administrator.OpenAsync($"/office/budgets/{id}");
        var bad = await administrator.UploadAsync(manage, "form[action*='handler=Census']", new Dictionary<string, string>(), "List", "list.csv",
            Encoding.UTF8.GetBytes("national_id,date_of_birth,district\nA-1,1980-05-01,north\nA-2,05/01/1980,north\nA-3,1980-01-01,atlantis\n"));
        var loaded = await administrator.UploadAsync(manage, "form[action*='handler=Census']", new Dictionary<string, string>(), "List", "list.csv", Encoding.UTF8.GetBytes(Census));
        var codes = await administrator.SubmitAsync(await administrator.OpenAsync($"/office/budgets/{id}"), new Dictionary<string, string?> { ["CodeCount"] = "2" }, "form[action*='handler=Codes']");
        var code = codes.Document.QuerySelector("pre")!.TextContent.Split('\n')[0];

        // Residents verify: wrong details refused; census details or a posted code accepted; nobody verifies twice with one entry.
        using var ama = await app.SignInCitizenAsync();
        using var kofi = await app.SignInCitizenAsync();
        using var esi = await app.SignInCitizenAsync();
        using var intruder = await app.SignInCitizenAsync();
        var wrong = await ama.VerifyAsync(id, "A-100", "1980-05-02");
        var verified = await ama.VerifyAsync(id, "a 100", "1980-05-01");
        var taken = await intruder.VerifyAsync(id, "A-100", "1980-05-01");
        var byCode = await kofi.SubmitAsync(await kofi.OpenAsync($"/budgets/{id}/verify"), new Dictionary<string, string?> { ["Code"] = code.ToLowerInvariant() }, "form[action*='handler=Code']");
        await esi.VerifyAsync(id, "A-300", "1975-12-24");

        // Proposals and support; an unverified person may not propose.
        var unverified = await intruder.OpenAsync($"/budgets/{id}/propose");
        var park = await ama.ProposeAsync(id, "Benches in the park", "4000");
        var lights = await ama.ProposeAsync(id, "Street lights on Hill Road", "15000");
        var tower = await ama.ProposeAsync(id, "An observation tower", "29000");
        var benches = await kofi.ProposeAsync(id, "Park benches", "3500");
        await kofi.SubmitAsync(await kofi.OpenAsync($"/budgets/{id}/projects/{lights}"), new Dictionary<string, string?>(), "form[action*='handler=Support']");
        await esi.SubmitAsync(await esi.OpenAsync($"/budgets/{id}/projects/{lights}"), new Dictionary<string, string?>(), "form[action*='handler=Support']");
        await esi.SubmitAsync(await esi.OpenAsync($"/budgets/{id}/projects/{lights}"), new Dictionary<string, string?>(), "form[action*='handler=Support']");
        var supported = await esi.OpenAsync($"/budgets/{id}");

        // Technical review: feasible with an adjusted cost, not feasible with a reason, a duplicate merged.
        await app.MoveToAsync(id, "review");
        var shortReason = await officer.ReviewAsync(id, park, true, "ok");
        await officer.ReviewAsync(id, park, true, "The parks department can install them this year.", "5000");
        await officer.ReviewAsync(id, lights, true, "Feasible with solar lights; the cost is confirmed.");
        await officer.ReviewAsync(id, tower, false, "The site is a protected wetland: no building is allowed there.");
        var merged = await officer.SubmitAsync(await officer.OpenAsync($"/office/budgets/{id}/projects/{benches}"), new Dictionary<string, string?> { ["Into"] = park.ToString(CultureInfo.InvariantCulture) }, "form[action*='handler=Merge']");

        // Voting: the cart refuses going over budget, shows its total, and the last ballot counts.
        await app.MoveToAsync(id, "voting");
        var ballotPage = await ama.OpenAsync($"/budgets/{id}/ballot");
        var total = await ama.CastApprovalAsync(id, [park, lights], checkOnly: true);
        var cast = await ama.CastApprovalAsync(id, [park]);
        var recast = await ama.CastApprovalAsync(id, [park, lights]);
        var offBallot = await kofi.SubmitAsync(await kofi.OpenAsync($"/budgets/{id}/ballot"), new Dictionary<string, string?> { ["choice"] = tower.ToString(CultureInfo.InvariantCulture) });
        await kofi.CastApprovalAsync(id, [lights]);
        await esi.CastApprovalAsync(id, [lights]);
        var notVerified = await intruder.OpenAsync($"/budgets/{id}/ballot");
        var receipt = await ama.Client.GetStringAsync($"/budgets/{id}/receipt.json");

        // Results when voting closes: Equal Shares over 3 voters with 10,000 each.
        await app.MoveToAsync(id, "results");
        var late = await esi.OpenAsync($"/budgets/{id}/ballot");
        var published = await app.PublishResultsAsync();
        var again = await app.PublishResultsAsync();
        using var visitor = app.Session();
        var results = await visitor.OpenAsync($"/budgets/{id}");
        var pb = await visitor.Client.GetStringAsync($"/budgets/{id}/ballots.pb");
        var election = PabulibReader.Read(new StringReader(pb));
        var recomputed = EqualShares.Run(election);

        // Implementation: the agency reports progress on a funded project.
        await app.MoveToAsync(id, "implementation");
        var report = await officer.OpenAsync($"/office/budgets/{id}/projects/{lights}");
        var milestone = await officer.SubmitAsync(report, new Dictionary<string, string?> { ["On"] = "2027-03-01", ["Title"] = "Poles installed on the whole road", ["Progress"] = "60", ["Status"] = "in-progress" }, "form[action*='handler=Milestone']");
        var notFunded = await officer.OpenAsync($"/office/budgets/{id}/projects/{tower}");
        var project = await visitor.OpenAsync($"/budgets/{id}/projects/{lights}");
        var processesCsv = await visitor.Client.GetStringAsync("/data/participatory-budgets.csv");
        var projectsCsv = await visitor.Client.GetStringAsync("/data/budget-projects.csv");

        var projects = await Db(db => db.Set<BudgetProject>().Where(p => p.ProcessId == id).ToDictionaryAsync(p => p.Id));
        var ballots = await Db(db => db.Set<BudgetBallot>().Where(b => b.ProcessId == id).ToListAsync());
        var process = await Db(db => db.Set<BudgetProcess>().SingleAsync(p => p.Id == id));
        var eligible = await Db(db => db.Set<EligibleVoter>().Where(v => v.ProcessId == id).ToListAsync());
        var log = (await Db(db => db.Set<LogEntry>().Select(e => e.Data).ToListAsync())).Select(e => Encoding.UTF8.GetString(e)).ToList();

        Assert.NotEmpty(empty.Errors);
        Assert.Contains(bad.Errors, e => e.Contains("3 lines", StringComparison.Ordinal) || e.Contains("2 lines", StringComparison.Ordinal));
        Assert.Contains("Line 3: the date of birth \"05/01/1980\" is not a date written as YYYY-MM-DD.", bad.Document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Line 4: \"atlantis\" is not a district of this jurisdiction.", bad.Document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("3 people added to the list.", loaded.Html, StringComparison.Ordinal);
        Assert.Matches("^[A-Z2-9]{5}-[A-Z2-9]{5}$", code);
        Assert.Equal(5, eligible.Count);
        Assert.DoesNotContain(eligible, v => v.Hash.Contains("A-100", StringComparison.Ordinal));
        Assert.Contains("These details do not match anyone on the list who may still verify.", wrong.Html, StringComparison.Ordinal);
        Assert.Contains("You are verified to take part in this process.", verified.Html, StringComparison.Ordinal);
        Assert.Contains("These details do not match anyone on the list who may still verify.", taken.Html, StringComparison.Ordinal);
        Assert.Contains("You are verified to take part in this process.", byCode.Html, StringComparison.Ordinal);
        Assert.Contains("Only verified residents can propose projects.", unverified.Html, StringComparison.Ordinal);
        Assert.Contains("3 supporters", supported.Html, StringComparison.Ordinal);
        Assert.NotEmpty(shortReason.Errors);
        Assert.Equal(5000m, projects[park].Cost);
        Assert.Equal(4000m, projects[park].ProposedCost);
        Assert.Equal(BudgetProject.NotFeasible, projects[tower].State);
        Assert.Equal(BudgetProject.Merged, projects[benches].State);
        Assert.Equal(park, projects[benches].MergedInto);
        Assert.Contains("Benches in the park", merged.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("An observation tower", ballotPage.Html, StringComparison.Ordinal);
        Assert.Contains("Your choices cost 20,000 DMD of 30,000 DMD.", total.Html, StringComparison.Ordinal);
        Assert.Contains("Your ballot is stored.", cast.Html, StringComparison.Ordinal);
        Assert.Contains("Your ballot is stored.", recast.Html, StringComparison.Ordinal);
        Assert.Contains($"Project {tower} is not on this ballot.", offBallot.Errors);
        Assert.Contains("Only verified residents can vote.", notVerified.Html, StringComparison.Ordinal);
        Assert.Contains("Voting is not open in this process.", late.Html, StringComparison.Ordinal);
        Assert.Equal(3, ballots.Count);
        Assert.Equal(2, ballots.Single(b => b.Choices.Contains(',', StringComparison.Ordinal)).Casts);
        // The receipt taken while voting opens the commitment the log holds; once counted, nothing links an account to a ballot.
        var opened = System.Text.Json.JsonDocument.Parse(receipt).RootElement;
        Assert.Equal($"{park}:1,{lights}:1", opened.GetProperty("choices").GetString());
        Assert.Equal(ballots.Single(b => b.Casts == 2).Commitment, BudgetWork.Commitment(opened.GetProperty("nonce").GetString()!, id, opened.GetProperty("choices").GetString()!));
        Assert.Contains(log, e => e.Contains(opened.GetProperty("commitment").GetString()!, StringComparison.Ordinal));
        Assert.All(ballots, b => Assert.Null(b.Nonce));
        Assert.All(eligible, v => Assert.Null(v.PersonId));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await ama.Client.GetAsync($"/budgets/{id}/receipt.json")).StatusCode);
        Assert.Equal(1, published);
        Assert.Equal(0, again);

        // Lights: 3 supporters × 10,000 cover 15,000 (5,000 each); the park: Ama has 5,000 left, exactly its cost.
        Assert.True(projects[lights].Funded);
        Assert.True(projects[park].Funded);
        Assert.Equal(20_000m, process.FundedCost);
        Assert.Contains("Funded in round 1: 3 supporters paid 5,000 DMD each.", results.Html, StringComparison.Ordinal);
        Assert.Contains("Funded in round 2: 1 supporter paid 5,000 DMD.", results.Html, StringComparison.Ordinal);
        Assert.Equal([lights.ToString(CultureInfo.InvariantCulture), park.ToString(CultureInfo.InvariantCulture)], recomputed.Selected);
        Assert.Equal(3, election.Ballots.Count);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(pb))), process.BallotsSha256);
        Assert.Contains(process.BallotsSha256!, results.Html, StringComparison.Ordinal);
        Assert.Contains("nara pb tally --rule mes", results.Html, StringComparison.Ordinal);

        Assert.Contains($"/budgets/{id}/ballots.pb,{process.BallotsSha256}", processesCsv, StringComparison.Ordinal);
        Assert.Contains($"{id},{lights},Street lights on Hill Road,streets,", projectsCsv, StringComparison.Ordinal);
        Assert.Contains("True,Funded,1,3x5000", projectsCsv, StringComparison.Ordinal);
        Assert.Contains("The site is a protected wetland", projectsCsv, StringComparison.Ordinal);
        Assert.DoesNotContain("Park benches", projectsCsv, StringComparison.Ordinal);
        Assert.Contains("Poles installed on the whole road", project.Html, StringComparison.Ordinal);
        Assert.Contains("60% done", project.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, milestone.Status);
        Assert.DoesNotContain("Record the milestone", notFunded.Html, StringComparison.Ordinal);

        Assert.Equal(4, log.Count(e => e.Contains("budgeting.ballot-cast.v1", StringComparison.Ordinal)));
        foreach (var type in new[] { "budgeting.process-created.v1", "budgeting.project-reviewed.v1", "budgeting.projects-merged.v1", "budgeting.results-published.v1", "budgeting.milestone-recorded.v1" })
        {
            Assert.Contains(log, e => e.Contains(type, StringComparison.Ordinal));
        }

        Assert.Contains(log, e => e.Contains(process.BallotsSha256!, StringComparison.Ordinal));
        Assert.DoesNotContain(log, e => e.Contains("A-100", StringComparison.Ordinal) || e.Contains("1980-05-01", StringComparison.Ordinal) || e.Contains("test.example", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CodesBySms_EachNumberItsOwnCode_BadLinesReported_CodeVerifies()
    {
        var (agency, _) = await app.CreateAgencyAsync();
        using var administrator = await app.SignInAsync(await app.CreateStaffAsync("administrator"));
        var id = await administrator.CreateProcessAsync(agency);
        var manage = await administrator.OpenAsync($"/office/budgets/{id}");
        var bad = await administrator.SubmitAsync(manage, new Dictionary<string, string?> { ["Phones"] = "+233 20 555 0101\n12345\n+233205550102,atlantis" }, "form[action*='handler=SendCodes']");
        var sent = await administrator.SubmitAsync(manage, new Dictionary<string, string?> { ["Phones"] = "+233 20 555 0101\n\n0023320 555 0102, north\n+233205550101" }, "form[action*='handler=SendCodes']");
        var sms = await app.WaitForSmsAsync("+233205550102", t => t.Contains("Your code to take part in", StringComparison.Ordinal));
        var code = System.Text.RegularExpressions.Regex.Match(sms, "[A-Z2-9]{5}-[A-Z2-9]{5}").Value;
        using var resident = await app.SignInCitizenAsync();
        var verified = await resident.SubmitAsync(await resident.OpenAsync($"/budgets/{id}/verify"), new Dictionary<string, string?> { ["Code"] = code }, "form[action*='handler=Code']");
        var entries = await Db(db => db.Set<EligibleVoter>().Where(v => v.ProcessId == id).ToListAsync());

        Assert.Contains("No code was sent: 2 lines have problems.", bad.Errors);
        Assert.Contains("Line 2: \"12345\" is not a mobile number in international form", bad.Document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Line 3: \"atlantis\" is not a district", bad.Document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("2 codes are being sent by SMS.", sent.Html, StringComparison.Ordinal);
        Assert.Contains($"/budgets/{id}/verify", sms, StringComparison.Ordinal);
        Assert.Equal(2, entries.Count);
        Assert.Contains(entries, e => e.District == "north");
        Assert.DoesNotContain(entries, e => e.Hash.Contains("205550101", StringComparison.Ordinal) || e.Hash.Contains("205550102", StringComparison.Ordinal));
        Assert.Contains("You are verified to take part in this process.", verified.Html, StringComparison.Ordinal);
    }

    private Task<T> Db<T>(Func<NaraDb, Task<T>> query) =>
        app.WithScopeAsync(sp => query(sp.GetRequiredService<NaraDb>()));
}
