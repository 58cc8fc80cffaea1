using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Nara.Platform.Storage;

namespace Nara.Petitions.Pages.Petitions;

internal sealed class IndexModel(NaraDb db) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? State { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Petition> Petitions { get; private set; } = [];

    public bool HasMore { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        State = State is Petition.Open or Petition.Closed or Petition.Rejected ? State : null;
        PageNumber = Math.Clamp(PageNumber, 1, 1000);
        Query = Query?.Trim() is { Length: > 0 and <= 100 } q ? q : null;
        var rows = await PetitionQueries.Published(db, State ?? (Query is null ? Petition.Open : null), Query)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1).ToListAsync(cancellationToken);
        HasMore = rows.Count > PageSize;
        Petitions = [.. rows.Take(PageSize)];
    }
}
