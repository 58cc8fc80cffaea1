using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nara.Blueprints;
using Nara.Cases.Catalogue;
using Nara.Identity.Contracts;

namespace Nara.Cases.Pages.Services;

internal sealed record ServiceCard(string Id, string Title, string Summary, string Agency, string? Category);

internal sealed class IndexModel(BlueprintCatalog catalog, IAgencyDirectory directory) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Category { get; set; }

    public IReadOnlyList<ServiceCard> Services { get; private set; } = [];

    public IReadOnlyList<string> Categories { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var agencies = (await directory.AgenciesAsync(cancellationToken)).ToDictionary(a => a.Code, a => a.Name, StringComparer.Ordinal);
        var offered = catalog.Current.Where(b => !b.IsInternal && agencies.ContainsKey(b.Agency)).ToList();
        Categories = [.. offered.Select(b => b.Category).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        var words = (Query ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Services = [.. offered
            .Where(b => Category is null or "" || b.Category == Category)
            .Select(b => (Blueprint: b, Text: new BlueprintText(b, language)))
            .Where(x => words.All(w => Haystack(x.Blueprint, x.Text, agencies[x.Blueprint.Agency]).Contains(w, StringComparison.CurrentCultureIgnoreCase)))
            .Select(x => new ServiceCard(x.Blueprint.Id, x.Text.Title, x.Text.Summary, agencies[x.Blueprint.Agency], x.Blueprint.Category))
            .OrderBy(s => s.Title, StringComparer.CurrentCulture)];
    }

    private static string Haystack(Blueprint blueprint, BlueprintText text, string agency) =>
        string.Join(' ', [text.Title, text.Summary, blueprint.Title, blueprint.Summary, agency, blueprint.Category ?? "", .. blueprint.LifeEvents.Select(e => e.Replace('-', ' '))]);
}
