using System.Text;
using Nara.Tests.Infrastructure;
using Nara.Voting.Pabulib;
using Nara.Voting.Rules;

namespace Nara.Tests.Budgeting;

/// <summary>
/// Any Pabulib file becomes a closed process to study, with its result explained; the process exports its ballots back
/// as a Pabulib file that reads the same; malformed files are refused with their line, never with a 500.
/// </summary>
public sealed class PabulibImportTests : AppTest
{
    private static string DataFile(string name) => Path.Combine(Repository.Root, "tests", "Nara.Tests", "Voting", "Data", name);

    [Fact]
    public async Task WarsawFile_Imported_ResultShown_ExportRoundTrips()
    {
        var (agency, _) = await app.CreateAgencyAsync();
        using var administrator = await app.SignInAsync(await app.CreateStaffAsync("administrator"));
        var form = await administrator.OpenAsync("/office/budgets/import");
        var original = await File.ReadAllBytesAsync(DataFile("poland_warszawa_2017_plac-wojska-polskiego.pb"));
        var imported = await administrator.UploadAsync(form, "main form", new Dictionary<string, string> { ["Rule"] = "greedy", ["AgencyId"] = agency.ToString("D") }, "Upload", "warsaw.pb", original);
        var id = imported.Url.Split('/')[^1];
        using var visitor = app.Session();
        var exported = await visitor.Client.GetStringAsync($"/budgets/{id}/ballots.pb");
        var before = PabulibReader.Read(new StringReader(Encoding.UTF8.GetString(original)));
        var after = PabulibReader.Read(new StringReader(exported));

        Assert.Contains("Local PB in Warsaw, Wesoła | Plac Wojska Polskiego", imported.Title, StringComparison.Ordinal);
        Assert.Contains("<dd>51,195</dd>", imported.Html, StringComparison.Ordinal);
        Assert.Equal(4, imported.Document.QuerySelectorAll("tbody tr").Length);
        Assert.Equal(4, imported.Html.Split("Funded: it fitted in the budget left when its turn came.").Length - 1);
        Assert.Equal(before.Budget, after.Budget);
        Assert.Equal(before.Projects.Select(p => (p.Id, p.Cost)), after.Projects.Select(p => (p.Id, p.Cost)));
        Assert.Equal(27, after.Ballots.Count);
        Assert.Equal(16, after.Scores()[after.Projects.ToList().FindIndex(p => p.Id == "427")]);
        Assert.Equal(Greedy.Run(before).Selected, Greedy.Run(after).Selected);
        Assert.Equal("Plac Wojska Polskiego", after.Meta["subunit"]);
    }

    [Theory]
    [InlineData("META\nkey;value\nbudget;100\nPROJECTS\nproject_id;cost\n1;50\n1;60\nVOTES\nvoter_id;vote\n1;1\n", "Line 7: project 1 appears twice")]
    [InlineData("META\nkey;value\nbudget;100\nPROJECTS\nproject_id;cost\n1;-5\nVOTES\nvoter_id;vote\n1;1\n", "Line 6: project 1: cost -5 is negative")]
    [InlineData("PROJECTS\nproject_id;cost\n1;5\n", "Line 1: the file must start with the META section")]
    public async Task MalformedFile_RefusedWithItsLine(string file, string message)
    {
        var (agency, _) = await app.CreateAgencyAsync();
        using var administrator = await app.SignInAsync(await app.CreateStaffAsync("administrator"));
        var form = await administrator.OpenAsync("/office/budgets/import");
        var refused = await administrator.UploadAsync(form, "main form", new Dictionary<string, string> { ["Rule"] = "mes", ["AgencyId"] = agency.ToString("D") }, "Upload", "bad.pb", Encoding.UTF8.GetBytes(file));

        Assert.Equal(System.Net.HttpStatusCode.OK, refused.Status);
        Assert.Contains(refused.Errors, e => e.StartsWith(message, StringComparison.Ordinal));
    }
}
