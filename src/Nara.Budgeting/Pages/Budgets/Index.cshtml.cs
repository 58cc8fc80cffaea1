using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Nara.Platform.Storage;

namespace Nara.Budgeting.Pages.Budgets;

/// <summary>Every participatory budget, newest first, with the phase it is in.</summary>
internal sealed class IndexModel(NaraDb db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<BudgetProcess> Processes { get; private set; } = [];

    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Processes = await db.Set<BudgetProcess>().AsNoTracking().OrderByDescending(p => p.Id).Take(100).ToListAsync(cancellationToken);
}
