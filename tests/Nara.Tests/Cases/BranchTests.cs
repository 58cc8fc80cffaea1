using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Cases;

/// <summary>The other branches of the workflows: refusals, withdrawal, seizure with a required document, revocation; and messages in the applicant's language.</summary>
public sealed class BranchTests : JourneyTest
{
    private static readonly Dictionary<string, string?> NoFields = [];

    [Fact]
    public async Task Withdraw_ByApplicant_ClosedAndOfficerCanNoLongerAct()
    {
        using var citizen = await app.SignInCitizenAsync();
        var (reference, check) = await citizen.FillAsync(app.Blueprint("social-assistance"));
        await citizen.SubmitAsync(check, NoFields);

        await citizen.ActAsync($"/cases/{reference}", "withdraw");

        Assert.Equal("Withdrawn", await StateAsync(citizen, reference));
        var officerView = await (await OfficerAsync("social-welfare")).OpenAsync($"/office/cases/{reference}");
        Assert.Empty(officerView.Document.QuerySelectorAll("input[name=action]"));
        Assert.NotNull(await DbAsync(db => db.Set<Nara.Cases.Case>().Where(c => c.Reference == reference).Select(c => c.ClosedAt).SingleAsync()));
    }

    [Fact]
    public async Task Refusals_EachWorkflowsNegativeOutcome_ReachedWithTheReasonShownToTheApplicant()
    {
        using var citizen = await app.SignInCitizenAsync();
        var (residence, check1) = await citizen.FillAsync(app.Blueprint("residence-certificate"), new Dictionary<string, string> { ["years_at_address"] = "0" });
        await citizen.SubmitAsync(check1, NoFields);
        var (support, check2) = await citizen.FillAsync(app.Blueprint("social-assistance"));
        await citizen.SubmitAsync(check2, NoFields);

        var city = await OfficerAsync("capital-city");
        await city.ActAsync($"/office/cases/{residence}", "start-review");
        await city.ActAsync($"/office/cases/{residence}", "refuse", "You do not live in the capital district.");
        var welfare = await OfficerAsync("social-welfare");
        await welfare.ActAsync($"/office/cases/{support}", "start-assessment");
        await welfare.ActAsync($"/office/cases/{support}", "send-for-decision", "Income above the limit.");
        await (await SupervisorAsync("social-welfare")).ActAsync($"/office/cases/{support}", "decide-not-eligible", "Household income is above 75,000 XOF a month.");

        Assert.Equal("Refused", await StateAsync(citizen, residence));
        Assert.Contains("You do not live in the capital district.", (await citizen.OpenAsync($"/cases/{residence}")).Html, StringComparison.Ordinal);
        Assert.Contains("above 75,000 XOF", (await citizen.OpenAsync($"/cases/{support}")).Html, StringComparison.Ordinal);
        Assert.Empty((await citizen.OpenAsync($"/cases/{support}")).Document.QuerySelectorAll("a[href^='/verify/']"));
    }

    [Fact]
    public async Task SeizeGoods_RequiresAnAttachedReport_StoredWithTheAction()
    {
        using var citizen = await app.SignInCitizenAsync();
        var (reference, check) = await citizen.FillAsync(app.Blueprint("customs-import"), new Dictionary<string, string> { ["importer_is_diplomatic"] = "true" });
        await citizen.SubmitAsync(check, NoFields);
        var officer = await OfficerAsync("revenue");
        await officer.ActAsync($"/office/cases/{reference}", "start-assessment");
        await officer.ActAsync($"/office/cases/{reference}", "order-inspection", "Declared value looks low.");

        var withoutReport = await officer.ActAsync($"/office/cases/{reference}", "seize-goods", "Counterfeit goods found.");
        Assert.Contains(withoutReport.Errors, e => e.Contains("Attach a document", StringComparison.Ordinal));
        var page = await officer.OpenAsync($"/office/cases/{reference}");
        var form = page.Document.QuerySelectorAll("main form").OfType<IHtmlFormElement>().First(f => f.Elements.OfType<IHtmlInputElement>().Any(i => i.Value == "seize-goods"));
        using var content = new MultipartFormDataContent();
        foreach (var input in form.Elements.OfType<IHtmlInputElement>().Where(i => i.Type == "hidden"))
        {
            content.Add(new StringContent(input.Value), input.Name!);
        }

        content.Add(new StringContent("Counterfeit goods found."), "comment");
        var report = new ByteArrayContent(CaseDriver.Pdf);
        report.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        content.Add(report, "attachment", "inspection-report.pdf");
        var response = await officer.Client.PostAsync(form.Action, content);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("Goods seized", await StateAsync(citizen, reference));
        Assert.Equal(1, await DbAsync(db => db.Set<Nara.Cases.CaseDocument>().CountAsync(d => d.DocumentId == "attachment")));
    }

    [Fact]
    public async Task Revoke_IssuedCertificate_VerifyShowsRevokedWithReason()
    {
        using var citizen = await app.SignInCitizenAsync();
        var (reference, check) = await citizen.FillAsync(app.Blueprint("residence-certificate"), new Dictionary<string, string> { ["years_at_address"] = "5" });
        await citizen.SubmitAsync(check, NoFields);
        var code = await CertificateCodeAsync(citizen, reference);
        var officer = await OfficerAsync("capital-city");
        var page = await officer.OpenAsync($"/office/cases/{reference}");

        var blank = await officer.SubmitAsync(page, new Dictionary<string, string?> { ["reason"] = "" }, "form[action$='handler=Revoke']");
        var revoked = await officer.SubmitAsync(page, new Dictionary<string, string?> { ["reason"] = "Issued on a false declaration." }, "form[action$='handler=Revoke']");
        using var anyone = app.Session();
        var verify = await anyone.OpenAsync($"/verify/{code}");

        Assert.NotEmpty(blank.Errors);
        Assert.Empty(revoked.Errors);
        Assert.Contains("Revoked", verify.Document.QuerySelector(".banner")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Issued on a false declaration.", verify.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notifications_InTheApplicantsLanguage()
    {
        var email = $"{TestData.Unique("francophone")}@test.example";
        var session = app.Session();
        session.AcceptLanguage = "fr";
        var form = await session.GetAsync("/sign-in");
        var codePage = await session.SubmitAsync(form, new Dictionary<string, string?> { ["Address"] = email });
        var message = await app.Smtp.WaitForAsync(email);
        await session.SubmitAsync(codePage, new Dictionary<string, string?> { ["Code"] = TestData.CodeIn(message.TextBody ?? "") });

        var (reference, check) = await session.FillAsync(app.Blueprint("social-assistance"));
        await session.SubmitAsync(check, NoFields);

        var received = await app.Smtp.WaitForAsync(email, m => m.Subject?.Contains(reference, StringComparison.Ordinal) == true);
        Assert.Contains("demande", received.Subject + received.TextBody, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("aide sociale", received.TextBody, StringComparison.OrdinalIgnoreCase);
        session.Dispose();
    }
}
