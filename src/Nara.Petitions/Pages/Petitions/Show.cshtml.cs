using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Nara.Platform.Hosting;
using Nara.Platform.Storage;

namespace Nara.Petitions.Pages.Petitions;

/// <summary>
/// A petition's public page: the text, the confirmed count and its progress, signatures by region (table and chart),
/// the government's response, and the signing form. Anonymous readers get it from memory, a few seconds old at most;
/// the form carries no per-visitor token (a signature only counts after its email link), so one copy serves everyone.
/// </summary>
[IgnoreAntiforgeryToken]
[EnableRateLimiting(PetitionsModule.SigningRateLimit)]
[OutputCache(PolicyName = PublicPetitionCache.PolicyName)]
internal sealed class ShowModel(NaraDb db, PetitionWork work, SignatureIntake intake, Jurisdiction jurisdiction, IOptions<PetitionOptions> options, IStringLocalizer<Strings> text) : PageModel
{
    public Petition Petition { get; private set; } = null!;

    public IReadOnlyDictionary<string, int> Regions { get; private set; } = new Dictionary<string, int>();

    public IReadOnlyDictionary<string, string> RegionNames => jurisdiction.Regions;

    public int? NextThreshold { get; private set; }

    public PetitionOptions Options => options.Value;

    [BindProperty(SupportsGet = true, Name = "support")]
    public string? SupportKey { get; set; }

    public bool ThroughSupportLink { get; private set; }

    public bool CanSign => Petition.State == Petition.Open || ThroughSupportLink;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSignAsync(long id, string? name, string? email, string? phone, string? region, bool declaration, bool notify, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var outcome = await intake.SignAsync(Petition, new SignRequest(name, email, region, declaration, notify, phone), "web",
            HttpContext.Connection.RemoteIpAddress, Nara.Platform.Hosting.PublicAddress.Of(HttpContext), ThroughSupportLink, cancellationToken);
        if (outcome.Accepted)
        {
            return Redirect(options.Value.BySms ? $"/petitions/{id}/check-phone" : $"/petitions/{id}/check-email");
        }

        foreach (var (field, message) in outcome.Errors)
        {
            ModelState.AddModelError(field, text[message]);
        }

        return Page();
    }

    /// <summary>A bar per region, longest first; the table beside it carries the same figures for screen readers.</summary>
    public string Chart(Func<string, string> label) => Nara.Platform.Pages.BarChart.Svg("chart-title", label("Signatures by region"),
        [.. Regions.OrderByDescending(r => r.Value).Select(r => new Nara.Platform.Pages.Bar(RegionNames.GetValueOrDefault(r.Key, r.Key), r.Value, r.Value.ToString("N0", CultureInfo.CurrentCulture)))]);

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        var petition = await work.FindAsync(id, cancellationToken);
        if (petition is null)
        {
            return false;
        }

        ThroughSupportLink = petition.State == Petition.GatheringSupport && work.IsSupportKey(petition, SupportKey);
        if (!PetitionQueries.IsPublic(petition) && !ThroughSupportLink)
        {
            return false;
        }

        Petition = petition;
        Regions = await PetitionQueries.RegionsAsync(db, id, cancellationToken);
        NextThreshold = PetitionQueries.NextThreshold(petition, options.Value);
        return true;
    }
}
