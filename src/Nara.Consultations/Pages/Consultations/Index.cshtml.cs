using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Nara.Platform.Storage;

namespace Nara.Consultations.Pages.Consultations;

/// <summary>Every consultation that has opened, newest first.</summary>
internal sealed class IndexModel(NaraDb db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<Consultation> Items { get; private set; } = [];

    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Items = await db.Set<Consultation>().AsNoTracking().Where(c => c.State != Consultation.Draft).OrderByDescending(c => c.Id).Take(100).ToListAsync(cancellationToken);
}
