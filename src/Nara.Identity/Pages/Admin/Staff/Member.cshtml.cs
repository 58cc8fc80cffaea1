using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using Nara.Identity.Admin;
using Nara.Identity.Contracts;

namespace Nara.Identity.Pages.Admin.Staff;

[Authorize(Policy = NaraPolicies.Administrator)]
internal sealed class MemberModel(StaffAdmin staff, AgencyAdmin agencies, IStringLocalizer<Strings> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public string? Role { get; set; }

    [BindProperty]
    public Guid? AgencyId { get; set; }

    [BindProperty]
    public Guid MembershipId { get; set; }

    public StaffSummary Member { get; private set; } = null!;

    public List<SelectListItem> AgencyOptions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostGrantAsync(CancellationToken cancellationToken)
    {
        var problem = await staff.GrantAsync(Id, Role ?? "", AgencyId, User.AsAdministrator(), cancellationToken);
        if (problem is null)
        {
            return RedirectToPage();
        }

        ModelState.AddModelError(problem == text["Choose a role"] ? nameof(Role) : nameof(AgencyId), problem);
        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken cancellationToken)
    {
        await staff.RevokeAsync(Id, MembershipId, User.AsAdministrator(), cancellationToken);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostUnlockAsync()
    {
        await staff.UnlockAsync(Id);
        return RedirectToPage();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var member = await staff.FindAsync(Id, cancellationToken);
        if (member is null)
        {
            return false;
        }

        Member = member;
        AgencyOptions = [new SelectListItem(text["No agency"], ""), .. (await agencies.ListAsync(cancellationToken)).Select(a => new SelectListItem(a.Name, a.Id.ToString()))];
        return true;
    }
}
