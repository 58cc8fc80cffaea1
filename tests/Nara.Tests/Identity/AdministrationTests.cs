using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Nara.Identity.Contracts;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Identity;

public sealed class AdministrationTests() : AppTest()
{

    [Fact]
    public async Task CreateAgency_ThroughForm_ListedAndEventRecorded()
    {
        var admin = await app.SignInAsync(await app.CreateStaffAsync(StaffRoles.Administrator));
        var code = TestData.Unique("ministry");

        var list = await admin.SubmitAsync(await admin.GetAsync("/admin/agencies/edit"), new Dictionary<string, string?> { ["Code"] = code, ["Name"] = "Ministry of Tests", ["Kind"] = "Ministry" });

        Assert.Equal("Agencies", list.Title);
        Assert.Contains("Ministry of Tests", list.Html, StringComparison.Ordinal);
        var events = await app.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<Nara.Platform.Storage.NaraDb>().Events.Count(e => e.Type == AgencyCreated.EventType && e.Data.Contains(code))));
        Assert.Equal(1, events);
    }

    [Fact]
    public async Task CreateAgency_MissingAndBadFields_ErrorSummaryAndAnswersKept()
    {
        var admin = await app.SignInAsync(await app.CreateStaffAsync(StaffRoles.Administrator));

        var page = await admin.SubmitAsync(await admin.GetAsync("/admin/agencies/edit"), new Dictionary<string, string?> { ["Code"] = "Bad Code!", ["Name"] = "", ["Kind"] = "Ministry" });

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(2, page.Errors.Count);
        Assert.Equal("#Code", page.Document.QuerySelector(".error-summary a")!.GetAttribute("href"));
        Assert.Equal("Bad Code!", page.Document.QuerySelector("#Code")!.GetAttribute("value"));
        Assert.Equal("true", page.Document.QuerySelector("#Name")!.GetAttribute("aria-invalid"));
    }

    [Fact]
    public async Task EditAgency_TwoAdministratorsAtOnce_SecondIsToldAndNothingOverwritten()
    {
        var (_, code) = await app.CreateAgencyAsync("Original name");
        var first = await app.SignInAsync(await app.CreateStaffAsync(StaffRoles.Administrator));
        var second = await app.SignInAsync(await app.CreateStaffAsync(StaffRoles.Administrator));
        var firstForm = await first.GetAsync($"/admin/agencies/edit/{code}");
        var secondForm = await second.GetAsync($"/admin/agencies/edit/{code}");

        await first.SubmitAsync(firstForm, new Dictionary<string, string?> { ["Name"] = "First change" });
        var conflict = await second.SubmitAsync(secondForm, new Dictionary<string, string?> { ["Name"] = "Second change" });

        Assert.Contains("Someone else changed this agency", conflict.Html, StringComparison.Ordinal);
        Assert.Equal("First change", conflict.Document.QuerySelector("#Name")!.GetAttribute("value"));
        var list = await first.GetAsync("/admin/agencies");
        Assert.Contains("First change", list.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Second change", list.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddStaff_ThroughForm_EmailsSetPasswordLinkThatWorks()
    {
        var admin = await app.SignInAsync(await app.CreateStaffAsync(StaffRoles.Administrator));
        var (agencyId, agencyCode) = await app.CreateAgencyAsync();
        var email = $"{TestData.Unique("new-officer")}@test.example";

        var member = await admin.SubmitAsync(await admin.GetAsync("/admin/staff/new"), new Dictionary<string, string?> { ["Name"] = "New Officer", ["Email"] = email });
        var granted = await admin.SubmitAsync(member, new Dictionary<string, string?> { ["Role"] = StaffRoles.Officer, ["AgencyId"] = agencyId.ToString() }, "form[action*='Grant']");
        Assert.Contains("Officer", granted.Document.QuerySelector(".table")!.TextContent, StringComparison.Ordinal);

        var welcome = await app.Smtp.WaitForAsync(email);
        var link = System.Text.RegularExpressions.Regex.Match(welcome.TextBody ?? "", @"https?://\S+").Value;
        var newcomer = app.Session();
        var setPassword = await newcomer.GetAsync(new Uri(link).PathAndQuery);
        var signIn = await newcomer.SubmitAsync(setPassword, new Dictionary<string, string?> { ["Password"] = "a-brand-new-password" });
        Assert.Contains("Your password is set", signIn.Html, StringComparison.Ordinal);

        var enrol = await newcomer.SubmitAsync(signIn, new Dictionary<string, string?> { ["Email"] = email, ["Password"] = "a-brand-new-password" });
        Assert.Equal("Set up your authenticator app", enrol.Title);
        Assert.NotNull(agencyCode);
    }

    [Theory]
    [InlineData(StaffRoles.Officer)]
    [InlineData(StaffRoles.Auditor)]
    public async Task AdminPages_NonAdministrators_Forbidden(string role)
    {
        var (agencyId, _) = await app.CreateAgencyAsync();
        var session = await app.SignInAsync(await app.CreateStaffAsync(role, role == StaffRoles.Officer ? agencyId : null));

        var page = await session.GetAsync("/admin/agencies");

        Assert.Equal("/access-denied", new Uri("http://x" + page.Redirect).AbsolutePath);
    }
}
