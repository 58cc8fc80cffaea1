using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using Nara.Identity.Admin;
using Nara.Identity.Agencies;
using Nara.Identity.Contracts;

namespace Nara.Identity.Pages.Admin.Agencies;

[Authorize(Policy = NaraPolicies.Administrator)]
internal sealed class EditModel(AgencyAdmin agencies, IStringLocalizer<Strings> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public AgencyKind Kind { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public Guid Version { get; set; }

    public bool IsNew => RouteData.Values["code"] is null;

    public bool Conflict { get; private set; }

    public IEnumerable<SelectListItem> KindOptions => Enum.GetValues<AgencyKind>().Select(k => new SelectListItem(text["AgencyKind." + k], k.ToString()));

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (IsNew)
        {
            return Page();
        }

        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var input = new AgencyInput(Code, Name, Kind, Description);
        if (IsNew)
        {
            var (id, errors) = await agencies.CreateAsync(input, User.AsAdministrator(), cancellationToken);
            ModelState.AddErrors(errors);
            return id is null ? Page() : Redirect("/admin/agencies");
        }

        var existing = await agencies.FindAsync(Code!, cancellationToken);
        if (existing is null)
        {
            return NotFound();
        }

        var result = await agencies.UpdateAsync(existing.Id, Version, input, User.AsAdministrator(), cancellationToken);
        if (result.Conflict)
        {
            Conflict = true;
            ModelState.Clear();
            await LoadAsync(cancellationToken);
            return Page();
        }

        ModelState.AddErrors(result);
        return result.Count > 0 ? Page() : Redirect("/admin/agencies");
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var agency = await agencies.FindAsync(Code!, cancellationToken);
        if (agency is null)
        {
            return false;
        }

        (Name, Kind, Description, Version) = (agency.Name, agency.Kind, agency.Description, agency.Version);
        return true;
    }
}
