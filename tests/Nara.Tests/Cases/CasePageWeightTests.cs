using Nara.Tests.Infrastructure;
using Nara.Tests.Web;

namespace Nara.Tests.Cases;

/// <summary>The service and case-work pages fit the same 14 KB budget, with a case that has a full timeline, in every language.</summary>
public sealed class CasePageWeightTests(Xunit.Abstractions.ITestOutputHelper output) : JourneyTest
{
    [Fact]
    public async Task CasePages_HtmlAndCssCompressed_AtMost14KB()
    {
        using var citizen = await app.SignInCitizenAsync();
        var (draft, _) = await citizen.FillAsync(app.Blueprint("customs-import"), new Dictionary<string, string> { ["importer_is_diplomatic"] = "false", ["goods[1].value"] = "10", ["goods[2].value"] = "10" });
        var (reference, check) = await citizen.FillAsync(app.Blueprint("residence-certificate"), new Dictionary<string, string> { ["years_at_address"] = "0" });
        await citizen.SubmitAsync(check, new Dictionary<string, string?>());
        var officer = await OfficerAsync("capital-city");
        await officer.ActAsync($"/office/cases/{reference}", "start-review");
        for (var i = 0; i < 3; i++)
        {
            await officer.ActAsync($"/office/cases/{reference}", "request-information", $"Question number {i}: please send a recent utility bill showing your name and this address.");
            await citizen.ActAsync($"/cases/{reference}", "send-information", "Here is the bill from the electricity company, dated last month.");
        }

        await officer.ActAsync($"/office/cases/{reference}", "issue");
        var code = await CertificateCodeAsync(citizen, reference);
        var agent = await StaffAsync("agent", "capital-city");
        var admin = await app.SignInAsync(await app.CreateStaffAsync("administrator"));
        using var auditor = await app.SignInAsync(await app.CreateStaffAsync("auditor"));
        var pages = new (WebSession Session, string Path)[]
        {
            (app.Session(), "/services"), (app.Session(), "/services/birth-registration"), (app.Session(), "/blueprints"), (app.Session(), $"/verify/{code}"),
            (citizen, "/cases"), (citizen, $"/cases/{reference}"), (citizen, $"/cases/{draft}/answers/goods"), (citizen, $"/cases/{draft}/answers/importer"),
            (citizen, $"/cases/{draft}/check"), (officer, "/office"), (officer, "/office/capital-city"), (officer, $"/office/cases/{reference}"),
            (agent, "/desk"), (admin, "/admin/holidays"), (auditor, "/audit/access"),
        };

        await PageWeightTests.AssertEveryLanguageAsync(pages.Select(p => (p.Session.Client, p.Path)), output);

        admin.Dispose();
    }
}
