using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Nara.Blueprints;
using Nara.Cases.Catalogue;
using Nara.Platform.Storage;

namespace Nara.Cases.Pages.Published;

internal sealed record PublishedBlueprint(string Id, string Version, string Title, string Agency, string Audience, IReadOnlyList<string> Languages, string Origin, string? Credit);

/// <summary>The service blueprints this Nara publishes, so other governments can find, download and adapt them.</summary>
internal sealed class IndexModel(NaraDb db, BlueprintCatalog catalog) : PageModel
{
    public IReadOnlyList<PublishedBlueprint> Blueprints { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var origins = await db.Set<InstalledBlueprint>().AsNoTracking().Select(b => new { b.BlueprintId, b.Version, b.Origin }).ToListAsync(cancellationToken);
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        Blueprints = [.. catalog.Current.Select(b => new PublishedBlueprint(
            b.Id, b.Version, new BlueprintText(b, language).Title, b.Agency, b.Audience,
            [b.Language, .. b.Translations.Keys.Order(StringComparer.Ordinal)],
            origins.FirstOrDefault(o => o.BlueprintId == b.Id && o.Version == b.Version)?.Origin ?? "local", b.Credit))];
    }
}
