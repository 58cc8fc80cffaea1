using Microsoft.Extensions.DependencyInjection;
using Nara.Identity.Contracts;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Cases;

/// <summary>A Nara with the agencies the shipped blueprints name, and staff created on demand in any role.</summary>
public abstract class JourneyTest : AppTest
{
    private readonly Dictionary<string, Guid> agencies = [];
    private readonly Dictionary<(string Role, string Agency), WebSession> staff = [];

    protected JourneyTest(NaraApp? app = null)
        : base(app)
    {
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        foreach (var code in new[] { "civil-registry", "health", "capital-city", "revenue", "social-welfare" })
        {
            agencies[code] = (await app.CreateAgencyAsync($"The {code} agency", code)).Id;
        }
    }

    public override async Task DisposeAsync()
    {
        foreach (var session in staff.Values)
        {
            session.Dispose();
        }

        await base.DisposeAsync();
    }

    protected Guid AgencyId(string code) => agencies[code];

    /// <summary>A signed-in member of staff holding <paramref name="role"/> in the agency (one per role and agency).</summary>
    protected async Task<WebSession> StaffAsync(string role, string agency)
    {
        if (!staff.TryGetValue((role, agency), out var session))
        {
            session = await app.SignInAsync(await app.CreateStaffAsync(role, agencies[agency]));
            staff[(role, agency)] = session;
        }

        return session;
    }

    protected Task<WebSession> OfficerAsync(string agency) => StaffAsync(StaffRoles.Officer, agency);

    protected Task<WebSession> SupervisorAsync(string agency) => StaffAsync(StaffRoles.Supervisor, agency);

    protected static async Task<string> StateAsync(WebSession session, string reference)
    {
        var page = await session.OpenAsync($"/cases/{reference}");
        return page.Document.QuerySelector("main .tag")?.TextContent.Trim() ?? "";
    }

    protected static async Task<string> CertificateCodeAsync(WebSession applicant, string reference)
    {
        var page = await applicant.OpenAsync($"/cases/{reference}");
        var link = page.Document.QuerySelector("a[href^='/verify/']");
        Assert.True(link is not null, $"No certificate on {reference}: {page.Document.QuerySelector("main")?.TextContent}");
        return link.GetAttribute("href")!["/verify/".Length..];
    }

    protected async Task AssertVerifiesAsync(string code, string expected)
    {
        using var anyone = app.Session();
        var page = await anyone.OpenAsync($"/verify/{code}");
        Assert.Equal(System.Net.HttpStatusCode.OK, page.Status);
        Assert.Contains("Valid", page.Document.QuerySelector(".banner")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(expected, page.Html, StringComparison.Ordinal);
    }

    protected Task<T> DbAsync<T>(Func<Nara.Platform.Storage.NaraDb, Task<T>> query) =>
        app.WithScopeAsync(sp => query(sp.GetRequiredService<Nara.Platform.Storage.NaraDb>()));

    protected T Service<T>()
        where T : notnull => app.Services.GetRequiredService<T>();
}
