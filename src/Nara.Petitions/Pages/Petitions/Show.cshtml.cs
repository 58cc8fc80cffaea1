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

    public async Task<IActionResult> OnPostSignAsync(long id, string? name, string? email, string? region, bool declaration, bool notify, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var outcome = await intake.SignAsync(Petition, new SignRequest(name, email, region, declaration, notify), "web",
            HttpContext.Connection.RemoteIpAddress, Nara.Platform.Hosting.PublicAddress.Of(HttpContext), ThroughSupportLink, cancellationToken);
        if (outcome.Accepted)
        {
            return Redirect($"/petitions/{id}/check-email");
        }

        foreach (var (field, message) in outcome.Errors)
        {
            ModelState.AddModelError(field, text[message]);
        }

        return Page();
    }

    public string Chart(Func<string, string> label)
    {
        // A bar per region, longest first; the table beside it carries the same figures for screen readers.
        var rows = Regions.OrderByDescending(r => r.Value).ToList();
        var max = Math.Max(1, rows.Count == 0 ? 1 : rows[0].Value);
        var rtl = CultureInfo.CurrentUICulture.TextInfo.IsRightToLeft;
        const int width = 600, bar = 22, gap = 8, labelWidth = 180;
        var height = Math.Max(1, rows.Count) * (bar + gap);
        var svg = new System.Text.StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" role=\"img\" aria-labelledby=\"chart-title\" viewBox=\"0 0 {width} {height}\" width=\"100%\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"chart-title\">{System.Net.WebUtility.HtmlEncode(label("Signatures by region"))}</title>");
        for (var i = 0; i < rows.Count; i++)
        {
            var y = i * (bar + gap);
            var length = (int)Math.Round((width - labelWidth - 70) * (double)rows[i].Value / max);
            var name = System.Net.WebUtility.HtmlEncode(RegionNames.GetValueOrDefault(rows[i].Key, rows[i].Key));
            var count = rows[i].Value.ToString("N0", CultureInfo.CurrentCulture);
            if (rtl)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{width}\" y=\"{y + 16}\" text-anchor=\"end\" font-size=\"14\">{name}</text><rect x=\"{width - labelWidth - length}\" y=\"{y}\" width=\"{length}\" height=\"{bar}\" fill=\"#1d4f91\"/><text x=\"{width - labelWidth - length - 6}\" y=\"{y + 16}\" text-anchor=\"end\" font-size=\"14\">{count}</text>");
            }
            else
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 16}\" font-size=\"14\">{name}</text><rect x=\"{labelWidth}\" y=\"{y}\" width=\"{length}\" height=\"{bar}\" fill=\"#1d4f91\"/><text x=\"{labelWidth + length + 6}\" y=\"{y + 16}\" font-size=\"14\">{count}</text>");
            }
        }

        return svg.Append("</svg>").ToString();
    }

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
