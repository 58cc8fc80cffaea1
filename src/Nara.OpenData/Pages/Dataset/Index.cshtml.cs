using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nara.Identity.Contracts;
using Nara.Platform.Storage;

namespace Nara.OpenData.Pages.Dataset;

/// <summary>Browse and search the catalogue: words, publisher, theme, keyword and format, 20 datasets a page.</summary>
internal sealed class IndexModel(NaraDb db, IAgencyDirectory directory, Catalog catalog, TimeProvider clock) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Organization { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Group { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Tag { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Format { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public CatalogSnapshot Catalog { get; private set; } = null!;

    public SearchResult Found { get; private set; } = new(0, [], new Dictionary<string, IReadOnlyList<(string, int)>>());

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Catalog = await catalog.GetAsync(db, directory, cancellationToken);
        PageNumber = Math.Clamp(PageNumber, 1, 10_000);
        var filters = new List<string>();
        Add(filters, "organization", Organization);
        Add(filters, "groups", Group);
        Add(filters, "tags", Tag);
        Add(filters, "res_format", Format);
        // The search box takes words only: quotes and colons are read as plain text, never as query syntax.
        var words = string.Join(' ', (Query ?? "").Split([' ', '"', ':', '(', ')', '[', ']', '{', '}'], StringSplitOptions.RemoveEmptyEntries).Select(w => w.TrimStart('-', '+')).Where(w => w.Length > 0 && w is not ("AND" or "&&")));
        try
        {
            Found = PackageSearch.Search(Catalog, words, string.Join(' ', filters), words.Length > 0 ? null : "title_string asc", PageSize, (PageNumber - 1) * PageSize,
                ["organization", "groups", "res_format"], 50, clock.GetUtcNow());
        }
        catch (SearchQueryException)
        {
            // Filters come from links and lists; a hand-edited one that cannot be read finds nothing.
        }
    }

    public string Link(int page) => $"/dataset?q={Uri.EscapeDataString(Query ?? "")}&organization={Uri.EscapeDataString(Organization ?? "")}&group={Uri.EscapeDataString(Group ?? "")}&tag={Uri.EscapeDataString(Tag ?? "")}&format={Uri.EscapeDataString(Format ?? "")}&p={page}";

    private static void Add(List<string> filters, string field, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            filters.Add($"{field}:\"{value.Replace("\"", "", StringComparison.Ordinal)}\"");
        }
    }
}
