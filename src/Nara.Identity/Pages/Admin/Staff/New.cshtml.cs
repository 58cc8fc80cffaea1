using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nara.Identity.Admin;
using Nara.Identity.Contracts;

namespace Nara.Identity.Pages.Admin.Staff;

[Authorize(Policy = NaraPolicies.Administrator)]
internal sealed class NewModel(StaffAdmin staff) : PageModel
{
    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var link = $"{Request.Scheme}://{Request.Host}/sign-in/set-password";
        var (id, errors) = await staff.CreateAsync(Name, Email, null, User.AsAdministrator(), link, cancellationToken);
        ModelState.AddErrors(errors);
        return id is null ? Page() : Redirect($"/admin/staff/{id}");
    }
}
