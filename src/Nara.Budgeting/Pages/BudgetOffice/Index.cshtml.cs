using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Nara.Identity.Contracts;
using Nara.Platform.Storage;

namespace Nara.Budgeting.Pages.BudgetOffice;

/// <summary>The processes a member of staff manages: all for administrators, their agency's for its officers.</summary>
[Authorize(Policy = NaraPolicies.Staff)]
internal sealed class IndexModel(NaraDb db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<BudgetProcess> Processes { get; private set; } = [];

    public bool Administrator { get; private set; }

    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Administrator = BudgetRoles.IsAdministrator(User);
        var agencies = BudgetRoles.AgenciesOf(User);
        Processes = await db.Set<BudgetProcess>().AsNoTracking().Where(p => !p.Imported && (Administrator || agencies.Contains(p.AgencyId)))
            .OrderByDescending(p => p.Id).Take(200).ToListAsync(cancellationToken);
    }
}
