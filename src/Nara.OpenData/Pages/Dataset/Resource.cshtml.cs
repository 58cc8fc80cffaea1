using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nara.Identity.Contracts;
using Nara.Platform.Storage;

namespace Nara.OpenData.Pages.Dataset;

/// <summary>One file of a published dataset, with its first 25 rows as a table.</summary>
internal sealed class ResourceModel(NaraDb db, IAgencyDirectory directory, Catalog catalog, ResourcePreview previews) : PageModel
{
    public CatalogEntry Entry { get; private set; } = null!;

    public Resource Item { get; private set; } = null!;

    public Preview? Preview { get; private set; }

    public async Task<IActionResult> OnGetAsync(string name, Guid id, CancellationToken cancellationToken)
    {
        var snapshot = await catalog.GetAsync(db, directory, cancellationToken);
        if (snapshot.Find(name) is not { } entry || entry.Dataset.Name != name || entry.Resources.FirstOrDefault(r => r.Id == id) is not { } file)
        {
            return NotFound();
        }

        (Entry, Item) = (entry, file);
        Preview = await previews.ReadAsync(file, 25, cancellationToken);
        return Page();
    }
}
