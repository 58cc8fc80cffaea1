using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nara.Platform.Storage;
using Nara.Tests.Infrastructure;
using Nara.Transparency.Log;

namespace Nara.Tests.OpenData;

/// <summary>Staff publish a dataset the way a browser without JavaScript does: describe it, upload a checked file, publish.</summary>
public sealed class PublishingTests : AppTest
{
    private const string Facilities = "facility,district,beds\r\nCapital General Hospital,capital,420\r\n\"Riverside Clinic, East Wing\",capital,12\r\n";

    [Fact]
    public async Task Officer_CreatesUploadsPreviewsPublishes_PublicPageDownloadAndLogFollow()
    {
        var (agency, code) = await app.CreateAgencyAsync("Ministry of Health");
        using var officer = await app.SignInAsync(await app.CreateStaffAsync("officer", agency));

        var form = await officer.OpenAsync("/publish/datasets/new");
        var missing = await officer.SubmitAsync(form, new Dictionary<string, string?> { ["Title"] = "", ["Notes"] = "" });
        var draft = await officer.SubmitAsync(form, new Dictionary<string, string?>
        {
            ["Title"] = "Health facilities",
            ["Notes"] = "Every public clinic and hospital.",
            ["Theme"] = "HEAL",
            ["Tags"] = "Health, Clinics",
            ["TemporalStart"] = "2025-01-01",
        });
        var publishTooSoon = await officer.SubmitAsync(draft, new Dictionary<string, string?>(), "form[action$='handler=Publish']");
        var uploaded = await officer.UploadAsync(draft, "form[action$='handler=Upload']", new Dictionary<string, string> { ["Label"] = "Facilities" }, "Upload", "facilities.csv", Encoding.UTF8.GetBytes(Facilities));
        var anonymousDraft = await app.Session().Client.GetAsync("/dataset/health-facilities");
        var published = await officer.SubmitAsync(uploaded, new Dictionary<string, string?>(), "form[action$='handler=Publish']");
        var page = await app.Session().OpenAsync("/dataset/health-facilities");
        var download = page.Document.QuerySelector("a[download]")!.GetAttribute("href")!;
        var file = await app.Session().Client.GetAsync(download);
        var search = await app.Session().OpenAsync($"/dataset?q=facilities&organization={code}");

        Assert.Contains("Enter a title of up to 200 characters.", missing.Errors);
        Assert.Contains("Describe the dataset in up to 5,000 characters.", missing.Errors);
        Assert.Equal("Health facilities", draft.Title);
        Assert.Matches("^/publish/datasets/[0-9a-f-]{36}$", draft.Url);
        Assert.Contains("Add at least one file before publishing.", publishTooSoon.Errors);
        Assert.Empty(uploaded.Errors);
        Assert.Equal("Riverside Clinic, East Wing", uploaded.Document.QuerySelectorAll(".table-scroll tbody tr")[1].QuerySelector("td")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, anonymousDraft.StatusCode);
        Assert.Contains("The dataset is published.", published.Html, StringComparison.Ordinal);
        Assert.Equal("Health facilities", page.Title);
        Assert.Equal(["facility", "district", "beds"], page.Document.QuerySelectorAll(".table-scroll thead th").Select(th => th.TextContent));
        Assert.Equal(Facilities, await file.Content.ReadAsStringAsync());
        Assert.Equal("text/csv", file.Content.Headers.ContentType!.MediaType);
        Assert.Contains(search.Document.QuerySelectorAll("main h2 a"), a => a.TextContent == "Health facilities");
        var log = await app.WithScopeAsync(async sp => await sp.GetRequiredService<NaraDb>().Set<LogEntry>().Select(e => e.Data).ToListAsync());
        var entry = log.Select(e => Encoding.UTF8.GetString(e)).Single(e => e.Contains("open-data.dataset-published.v1", StringComparison.Ordinal) && e.Contains("health-facilities", StringComparison.Ordinal));
        Assert.Contains(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(Facilities))), entry, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a,b,c\n1,2,3\n4,5\n", "Line 3 has 2 values, but the first line names 3 columns.")]
    [InlineData("a,b,a\n1,2,3\n", "Line 1 names the column \"a\" twice. Give every column a different name.")]
    [InlineData("a,,c\n1,2,3\n", "Line 1: column 2 has no name. The first line must name every column.")]
    [InlineData("", "Choose a CSV or JSON file.")]
    public async Task Upload_BadCsv_ClearMessageNamingTheLine_NothingKept(string csv, string message)
    {
        var (agency, _) = await app.CreateAgencyAsync();
        var id = await app.CreateDatasetAsync(agency, "bad-upload", publish: false);
        using var officer = await app.SignInAsync(await app.CreateStaffAsync("officer", agency));
        var page = await officer.OpenAsync($"/publish/datasets/{id:D}");

        var result = await officer.UploadAsync(page, "form[action$='handler=Upload']", new Dictionary<string, string>(), "Upload", "data.csv", Encoding.UTF8.GetBytes(csv));

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Equal([message], result.Errors);
        Assert.Equal(1, await app.WithScopeAsync(sp => sp.GetRequiredService<NaraDb>().Set<Nara.OpenData.Resource>().CountAsync(r => r.DatasetId == id)));
    }

    [Fact]
    public async Task Upload_NotUtf8OrWrongType_ClearMessage()
    {
        var (agency, _) = await app.CreateAgencyAsync();
        var id = await app.CreateDatasetAsync(agency, "latin1-upload", publish: false);
        using var officer = await app.SignInAsync(await app.CreateStaffAsync("officer", agency));
        var page = await officer.OpenAsync($"/publish/datasets/{id:D}");

        var latin1 = await officer.UploadAsync(page, "form[action$='handler=Upload']", new Dictionary<string, string>(), "Upload", "data.csv", [.. "town,n\nK"u8, 0xF6, .. "ln,3\n"u8]);
        var spreadsheet = await officer.UploadAsync(page, "form[action$='handler=Upload']", new Dictionary<string, string>(), "Upload", "data.xlsx", [1, 2, 3]);
        var json = await officer.UploadAsync(page, "form[action$='handler=Upload']", new Dictionary<string, string>(), "Upload", "data.json", "{\"a\": [1, 2,\n}"u8.ToArray(), "application/json");

        Assert.Equal(["Line 2 is not UTF-8 text. Save the file as \"CSV UTF-8\" and upload it again."], latin1.Errors);
        Assert.Equal(["The file must be a CSV file (.csv) or a JSON file (.json)."], spreadsheet.Errors);
        Assert.StartsWith("Line 2 is not valid JSON", Assert.Single(json.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_ByteOrderMarkAndLongFileName_Kept_IdShapedNameRefused()
    {
        var (agency, _) = await app.CreateAgencyAsync();
        var id = await app.CreateDatasetAsync(agency, "bom-upload", publish: false);
        using var officer = await app.SignInAsync(await app.CreateStaffAsync("officer", agency));
        var page = await officer.OpenAsync($"/publish/datasets/{id:D}");
        var longName = new string('x', 250) + ".csv";

        var uploaded = await officer.UploadAsync(page, "form[action$='handler=Upload']", new Dictionary<string, string>(), "Upload", longName, [0xEF, 0xBB, 0xBF, .. "town,people\nKumasi,3\n"u8]);
        var form = await officer.OpenAsync("/publish/datasets/new");
        var idShaped = await officer.SubmitAsync(form, new Dictionary<string, string?> { ["Title"] = "Ids", ["Name"] = Guid.NewGuid().ToString("D"), ["Notes"] = "x", ["Theme"] = "GOVE" });

        Assert.Empty(uploaded.Errors);
        Assert.Equal("town", uploaded.Document.QuerySelector(".table-scroll thead th")!.TextContent);
        Assert.Contains("The web name can have 2 to 100 lowercase letters, digits, \"-\" and \"_\".", idShaped.Errors);
    }

    [Fact]
    public async Task OtherAgencysStaffAndCitizens_CannotReachADataset()
    {
        var (agency, _) = await app.CreateAgencyAsync();
        var (other, _) = await app.CreateAgencyAsync();
        var id = await app.CreateDatasetAsync(agency, "private-draft", publish: false);
        using var stranger = await app.SignInAsync(await app.CreateStaffAsync("officer", other));
        using var auditor = await app.SignInAsync(await app.CreateStaffAsync("auditor"));
        using var administrator = await app.SignInAsync(await app.CreateStaffAsync("administrator"));
        using var citizen = await app.SignInCitizenAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/publish/datasets/{id:D}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await auditor.GetAsync($"/publish/datasets/{id:D}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await administrator.GetAsync($"/publish/datasets/{id:D}")).Status);
        Assert.NotNull((await citizen.GetAsync($"/publish/datasets/{id:D}")).Redirect);
        Assert.DoesNotContain("private-draft", (await stranger.OpenAsync("/publish/datasets")).Html, StringComparison.Ordinal);
        Assert.Empty((await auditor.OpenAsync("/publish/datasets/new")).Document.QuerySelectorAll("main form"));
    }
}
