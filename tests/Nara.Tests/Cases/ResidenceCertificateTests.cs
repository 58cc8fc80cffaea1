using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Cases;

/// <summary>The residence certificate: issued at once, with no officer, when the answers qualify; otherwise an officer decides.</summary>
public sealed class ResidenceCertificateTests : AppTest
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await app.CreateAgencyAsync("Demo City Council", "capital-city");
    }

    [Fact]
    public async Task Apply_QualifyingAnswers_CertificateIssuedAtOnceAndVerifiable()
    {
        using var citizen = await app.SignInCitizenAsync();
        var blueprint = app.Blueprint("residence-certificate");

        (string, WebSession.PageResult) filled;
        try
        {
            filled = await citizen.FillAsync(blueprint, new Dictionary<string, string> { ["years_at_address"] = "3", ["full_name"] = "Ama Owusu" });
        }
        catch (InvalidOperationException)
        {
            throw new InvalidOperationException(string.Join("\n", app.Logs.Lines.Where(l => l.Contains("Exception", StringComparison.Ordinal)).Take(3)));
        }

        var (reference, check) = filled;
        var sent = await citizen.SubmitAsync(check, new Dictionary<string, string?>());

        Assert.EndsWith("/submitted", sent.Url, StringComparison.Ordinal);
        Assert.Contains(reference, sent.Html, StringComparison.Ordinal);
        var casePage = await citizen.OpenAsync($"/cases/{reference}");
        Assert.Contains("Certificate issued", casePage.Html, StringComparison.Ordinal);
        var code = casePage.Document.QuerySelector("a[href^='/verify/']")!.GetAttribute("href")!["/verify/".Length..];

        using var anyone = app.Session();
        var verify = await anyone.OpenAsync($"/verify/{code}");
        Assert.Equal(HttpStatusCode.OK, verify.Status);
        Assert.Contains("Valid", verify.Html, StringComparison.Ordinal);
        Assert.Contains("Ama Owusu", verify.Html, StringComparison.Ordinal);

        var pdf = await citizen.Client.GetAsync($"/cases/{reference}/certificate/{code}");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(await pdf.Content.ReadAsByteArrayAsync())[..4], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_NewResident_WaitsForAnOfficerWhoIssues()
    {
        var officer = await app.CreateStaffAsync("officer", await AgencyIdAsync());
        using var citizen = await app.SignInCitizenAsync();
        var (reference, check) = await citizen.FillAsync(app.Blueprint("residence-certificate"), new Dictionary<string, string> { ["years_at_address"] = "0" });
        await citizen.SubmitAsync(check, new Dictionary<string, string?>());

        using var staff = await app.SignInAsync(officer);
        var queue = await staff.OpenAsync("/office/capital-city");
        Assert.Contains(reference, queue.Html, StringComparison.Ordinal);
        await staff.ActAsync($"/office/cases/{reference}", "start-review");
        var page = await staff.OpenAsync($"/office/cases/{reference}");

        Assert.Contains("In review", page.Html, StringComparison.Ordinal);
        Assert.Empty(page.Errors);
    }

    private Task<Guid> AgencyIdAsync() => app.WithScopeAsync(async sp =>
        (await sp.GetRequiredService<Nara.Identity.Contracts.IAgencyDirectory>().AgenciesAsync(default)).Single(a => a.Code == "capital-city").Id);
}
