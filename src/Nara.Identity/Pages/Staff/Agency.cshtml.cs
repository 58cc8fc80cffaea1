using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nara.Identity.Admin;
using Nara.Identity.Contracts;

namespace Nara.Identity.Pages.Staff;

/// <summary>An agency's own page for its staff. Staff of other agencies are refused: agency work is private to it.</summary>
[Authorize(Policy = NaraPolicies.Staff)]
internal sealed class AgencyModel(AgencyAdmin agencies, StaffAdmin staff) : PageModel
{
    public AgencySummary Agency { get; private set; } = null!;

    public List<(string Name, string Role)> Members { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        var agency = await agencies.FindAsync(code, cancellationToken);
        if (agency is null)
        {
            return NotFound();
        }

        if (!User.CanSeeAgency(agency.Id))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        Agency = agency;
        Members = [.. (await staff.ListAsync(cancellationToken))
            .SelectMany(s => s.Memberships.Where(m => m.AgencyId == agency.Id).Select(m => (s.Name, m.Role)))];
        return Page();
    }
}
