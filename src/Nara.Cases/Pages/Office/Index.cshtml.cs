using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nara.Identity.Contracts;

namespace Nara.Cases.Pages.Office;

[Authorize(Policy = NaraPolicies.Staff)]
internal sealed class IndexModel(IAgencyDirectory directory) : PageModel
{
    public IReadOnlyList<AgencyInfo> Agencies { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Agencies = [.. (await directory.AgenciesAsync(cancellationToken)).Where(a => User.CanSeeAgency(a.Id))];
}
