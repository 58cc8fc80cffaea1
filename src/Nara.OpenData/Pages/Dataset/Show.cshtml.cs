using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nara.Identity.Contracts;
using Nara.Platform.Storage;

namespace Nara.OpenData.Pages.Dataset;

/// <summary>A published dataset: what it is, who publishes it, its licence, its files, and a preview of its first table.</summary>
internal sealed class ShowModel(NaraDb db, IAgencyDirectory directory, Catalog catalog, ResourcePreview previews) : PageModel
{
    public CatalogEntry Entry { get; private set; } = null!;

    public Resource? Previewed { get; private set; }

    public Preview? Preview { get; private set; }

    public async Task<IActionResult> OnGetAsync(string name, CancellationToken cancellationToken)
    {
        var snapshot = await catalog.GetAsync(db, directory, cancellationToken);
        if (snapshot.Find(name) is not { } entry || entry.Dataset.Name != name)
        {
            return NotFound();
        }

        Entry = entry;
        Previewed = entry.Resources.FirstOrDefault(r => r.Format == "CSV");
        Preview = Previewed is null ? null : await previews.ReadAsync(Previewed, 10, cancellationToken);
        return Page();
    }
}
