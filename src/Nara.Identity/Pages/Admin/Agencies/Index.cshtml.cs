using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nara.Identity.Admin;
using Nara.Identity.Contracts;

namespace Nara.Identity.Pages.Admin.Agencies;

[Authorize(Policy = NaraPolicies.Administrator)]
internal sealed class IndexModel(AgencyAdmin agencies) : PageModel
{
    public List<AgencySummary> Agencies { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Agencies = await agencies.ListAsync(cancellationToken);
}
