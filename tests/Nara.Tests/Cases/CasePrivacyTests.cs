using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Nara.Tests.Infrastructure;
using Nara.Transparency.Log;

namespace Nara.Tests.Cases;

/// <summary>Personal answers are encrypted at rest, opened only for a stated purpose, and every opening is shown to the applicant.</summary>
public sealed class CasePrivacyTests : JourneyTest
{
    private static readonly Dictionary<string, string?> NoFields = [];

    [Fact]
    public async Task PersonalAnswers_EncryptedAtRest_NotInEventsOrPublicLog()
    {
        using var citizen = await app.SignInCitizenAsync();
        var (reference, check) = await citizen.FillAsync(app.Blueprint("social-assistance"), new Dictionary<string, string> { ["applicant_name"] = "Abena Quartey-Secret" });
        await citizen.SubmitAsync(check, NoFields);

        var row = await DbAsync(db => db.Set<Nara.Cases.Case>().SingleAsync(c => c.Reference == reference));
        var events = await DbAsync(db => db.Events.Select(e => e.Data).ToListAsync());
        var log = await DbAsync(db => db.Set<LogEntry>().Select(e => e.Data).ToListAsync());

        Assert.DoesNotContain("Abena", row.Answers, StringComparison.Ordinal);
        Assert.Contains("region", row.Answers, StringComparison.Ordinal);
        Assert.NotNull(row.ProtectedPersonal);
        Assert.DoesNotContain("Abena", row.ProtectedPersonal, StringComparison.Ordinal);
        Assert.DoesNotContain(events, e => e.Contains("Abena", StringComparison.Ordinal));
        Assert.DoesNotContain(log, e => System.Text.Encoding.UTF8.GetString(e).Contains(reference, StringComparison.Ordinal));
        Assert.Contains(log, e => System.Text.Encoding.UTF8.GetString(e).Contains("cases.case-submitted.v1", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains("Abena", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OfficerView_PersonalHiddenUntilPurposeGiven_AccessShownToApplicantAndLogged()
    {
        using var citizen = await app.SignInCitizenAsync();
        var (reference, check) = await citizen.FillAsync(app.Blueprint("social-assistance"), new Dictionary<string, string> { ["applicant_name"] = "Abena Quartey" });
        await citizen.SubmitAsync(check, NoFields);
        var officer = await OfficerAsync("social-welfare");

        var masked = await officer.OpenAsync($"/office/cases/{reference}");
        var tooShort = await officer.SubmitAsync(masked, new Dictionary<string, string?> { ["purpose"] = "x" }, "form[action$='handler=Purpose']");
        var opened = await officer.SubmitAsync(masked, new Dictionary<string, string?> { ["purpose"] = "Assess eligibility for the cash transfer" }, "form[action$='handler=Purpose']");
        var own = await citizen.OpenAsync($"/cases/{reference}");

        Assert.DoesNotContain("Abena Quartey", masked.Html, StringComparison.Ordinal);
        Assert.Contains("give a purpose", masked.Html, StringComparison.Ordinal);
        Assert.NotEmpty(tooShort.Errors);
        Assert.Contains("Abena Quartey", opened.Html, StringComparison.Ordinal);
        Assert.Contains("Assess eligibility for the cash transfer", own.Html, StringComparison.Ordinal);
        Assert.Contains("The social-welfare agency", own.Html, StringComparison.Ordinal);
        var log = await DbAsync(db => db.Set<LogEntry>().Select(e => e.Data).ToListAsync());
        var viewed = log.Select(e => System.Text.Encoding.UTF8.GetString(e)).Single(e => e.Contains("personal-data-viewed", StringComparison.Ordinal));
        Assert.DoesNotContain("Abena", viewed, StringComparison.Ordinal);
        Assert.DoesNotContain("Assess eligibility", viewed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submission_ReceiptLinkOnCasePage_ServedByTheLog()
    {
        using var citizen = await app.SignInCitizenAsync();
        var (reference, check) = await citizen.FillAsync(app.Blueprint("social-assistance"));
        await citizen.SubmitAsync(check, NoFields);

        var page = await citizen.OpenAsync($"/cases/{reference}");
        var receipt = page.Document.QuerySelector("a[href^='/api/v1/log/receipts/']")!.GetAttribute("href")!;
        var response = await citizen.Client.GetAsync(receipt);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal(receipt.Split('/')[^1], Convert.ToHexStringLower(Convert.FromBase64String(body.GetProperty("leafHash").GetString()!)));
    }

    [Fact]
    public async Task Auditor_SearchesAccessAcrossAgenciesAndExportsCsv_OthersCannot()
    {
        using var citizen = await app.SignInCitizenAsync();
        var (reference, check) = await citizen.FillAsync(app.Blueprint("social-assistance"));
        await citizen.SubmitAsync(check, NoFields);
        var officer = await OfficerAsync("social-welfare");
        var page = await officer.OpenAsync($"/office/cases/{reference}");
        await officer.SubmitAsync(page, new Dictionary<string, string?> { ["purpose"] = "Checking the household size" }, "form[action$='handler=Purpose']");
        using var auditor = await app.SignInAsync(await app.CreateStaffAsync("auditor"));

        var all = await auditor.OpenAsync("/audit/access");
        var welfare = await auditor.OpenAsync("/audit/access?Agency=social-welfare&From=2000-01-01");
        var health = await auditor.OpenAsync("/audit/access?Agency=health");
        var csv = await auditor.Client.GetStringAsync("/audit/access?handler=Csv&Agency=social-welfare");
        var denied = await officer.Client.GetAsync("/audit/access");

        Assert.Contains("Checking the household size", all.Html, StringComparison.Ordinal);
        Assert.Contains(reference, welfare.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(reference, health.Html, StringComparison.Ordinal);
        Assert.StartsWith("time,agency,staff,role,case,purpose", csv, StringComparison.Ordinal);
        Assert.Contains($"{reference},Checking the household size", csv, StringComparison.Ordinal);
        Assert.NotEqual(System.Net.HttpStatusCode.OK, denied.StatusCode);
    }
}
