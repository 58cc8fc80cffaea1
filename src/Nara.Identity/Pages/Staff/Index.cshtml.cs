using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nara.Identity.Admin;
using Nara.Identity.Contracts;

namespace Nara.Identity.Pages.Staff;

[Authorize(Policy = NaraPolicies.Staff)]
internal sealed class IndexModel(AgencyAdmin agencies) : PageModel
{
    public string Name { get; private set; } = "";

    public List<(string Role, AgencySummary? Agency)> Roles { get; private set; } = [];

    public bool IsAdministrator { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Name = User.FindFirstValue(ClaimTypes.GivenName) ?? "";
        var all = await agencies.ListAsync(cancellationToken);
        Roles = [.. User.Memberships().Select(m => (m.Role, all.FirstOrDefault(a => a.Id == m.AgencyId)))];
        IsAdministrator = User.HasRole(StaffRoles.Administrator, null);
    }
}
