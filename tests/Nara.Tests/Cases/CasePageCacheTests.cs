using System.Net;
using Microsoft.EntityFrameworkCore;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Cases;

/// <summary>
/// The applicant's case page is served from memory while nothing it shows has changed, and never after:
/// each request checks the case's stamp in the database, so a change anyone makes shows on the next read.
/// </summary>
public sealed class CasePageCacheTests : JourneyTest
{
    private static readonly Dictionary<string, string?> NoFields = [];

    [Fact]
    public async Task CasePage_ServedFromMemoryUntilSomethingShownChanges()
    {
        using var citizen = await app.SignInCitizenAsync();
        var (reference, check) = await citizen.FillAsync(app.Blueprint("social-assistance"));
        await citizen.SubmitAsync(check, NoFields);
        var first = await citizen.OpenAsync($"/cases/{reference}");
        var due = await DbAsync(db => db.Set<Nara.Cases.Case>().Where(c => c.Reference == reference).Select(c => c.StateDueOn).SingleAsync());

        // A field outside the stamp, changed behind Nara's back: the kept page does not see it...
        var moved = due!.Value.AddDays(40);
        await DbAsync(db => db.Set<Nara.Cases.Case>().Where(c => c.Reference == reference).ExecuteUpdateAsync(s => s.SetProperty(c => c.StateDueOn, moved)));
        var kept = await citizen.OpenAsync($"/cases/{reference}");

        // ...until something the page shows changes: here an officer opens the personal details, which the page lists.
        var officer = await OfficerAsync("social-welfare");
        var masked = await officer.OpenAsync($"/office/cases/{reference}");
        await officer.SubmitAsync(masked, new Dictionary<string, string?> { ["purpose"] = "Check the household size" }, "form[action$='handler=Purpose']");
        var afterAccess = await citizen.OpenAsync($"/cases/{reference}");

        // And the applicant's own message shows at once.
        var sent = await citizen.SubmitAsync(afterAccess, new Dictionary<string, string?> { ["message"] = "We moved house last week" }, "form[action$='handler=Message']");

        Assert.Equal(first.Html, kept.Html);
        Assert.Contains(due.Value.ToString("D", System.Globalization.CultureInfo.GetCultureInfo("en")), kept.Html, StringComparison.Ordinal);
        Assert.Contains("Check the household size", afterAccess.Html, StringComparison.Ordinal);
        Assert.Contains(moved.ToString("D", System.Globalization.CultureInfo.GetCultureInfo("en")), afterAccess.Html, StringComparison.Ordinal);
        Assert.Contains("We moved house last week", sent.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CachedCasePage_NeverShownToSomeoneElse_AndFormsStillWork()
    {
        using var citizen = await app.SignInCitizenAsync();
        var (reference, check) = await citizen.FillAsync(app.Blueprint("social-assistance"));
        await citizen.SubmitAsync(check, NoFields);
        await citizen.OpenAsync($"/cases/{reference}");
        var cached = await citizen.OpenAsync($"/cases/{reference}");
        using var stranger = await app.SignInCitizenAsync("someone.else@example.org");

        var theirs = await stranger.GetAsync($"/cases/{reference}");
        var withdrawn = await citizen.ActAsync($"/cases/{reference}", "withdraw");

        Assert.Equal(HttpStatusCode.NotFound, theirs.Status);
        Assert.DoesNotContain(reference, theirs.Html, StringComparison.Ordinal);
        Assert.Contains("form", cached.Html, StringComparison.Ordinal);
        Assert.Empty(withdrawn.Errors);
        Assert.Equal("withdrawn", await DbAsync(db => db.Set<Nara.Cases.Case>().Where(c => c.Reference == reference).Select(c => c.State).SingleAsync()));
    }
}
