using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Nara.Identity.Contracts;
using Nara.Platform.Storage;

namespace Nara.Petitions.Pages.Moderate;

/// <summary>Petitions waiting for a moderator, oldest deadline first; overdue ones are marked.</summary>
[Authorize(Policy = NaraPolicies.Moderator)]
internal sealed class IndexModel(NaraDb db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<Petition> Waiting { get; private set; } = [];

    public IReadOnlyList<Petition> Open { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        Waiting = await db.Set<Petition>().AsNoTracking().Where(p => p.State == Petition.AwaitingModeration)
            .OrderBy(p => p.ModerationDueOn).ThenBy(p => p.Id).Take(200).ToListAsync(cancellationToken);
        Open = await db.Set<Petition>().AsNoTracking().Where(p => p.State == Petition.Open)
            .OrderByDescending(p => p.Signatures).Take(50).ToListAsync(cancellationToken);
    }
}
