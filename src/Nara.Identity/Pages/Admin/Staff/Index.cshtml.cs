using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nara.Identity.Admin;
using Nara.Identity.Contracts;

namespace Nara.Identity.Pages.Admin.Staff;

[Authorize(Policy = NaraPolicies.Administrator)]
internal sealed class IndexModel(StaffAdmin staff) : PageModel
{
    public List<StaffSummary> Staff { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Staff = await staff.ListAsync(cancellationToken);
}
