using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using Nara.Identity.Contracts;

namespace Nara.Budgeting.Pages.BudgetOffice;

/// <summary>An administrator imports a Pabulib file as a closed process to study.</summary>
[Authorize(Policy = NaraPolicies.Administrator)]
[RequestSizeLimit(MaxBytes + (1024 * 1024))]
[RequestFormLimits(MultipartBodyLengthLimit = MaxBytes + (1024 * 1024))]
internal sealed class ImportModel(BudgetResults results, IAgencyDirectory directory, IStringLocalizer<Strings> text) : PageModel
{
    public const int MaxBytes = 50 * 1024 * 1024;

    [BindProperty] public IFormFile? Upload { get; set; }

    [BindProperty] public string? Rule { get; set; } = "mes";

    [BindProperty] public Guid? AgencyId { get; set; }

    public IReadOnlyList<SelectListItem> AgencyOptions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Upload is not { Length: > 0 and <= MaxBytes })
        {
            ModelState.AddModelError("Upload", text["Choose a Pabulib file of at most 50 MB."]);
            return Page();
        }

        if (AgencyId is null)
        {
            ModelState.AddModelError("AgencyId", text["Choose an agency"]);
            return Page();
        }

        using var reader = new StreamReader(Upload.OpenReadStream());
        var result = await results.ImportAsync(reader, Rule ?? "", AgencyId.Value, new Platform.Events.Actor(User.UserId(), StaffRoles.Administrator), cancellationToken);
        if (result.Succeeded)
        {
            return Redirect($"/budgets/{result.Id}");
        }

        foreach (var (field, (message, values)) in result.Errors)
        {
            ModelState.AddModelError(field == "file" ? "Upload" : "Rule", text[message, values]);
        }

        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var agencies = await directory.AgenciesAsync(cancellationToken);
        AgencyOptions = [new(text["Choose an agency"], ""), .. agencies.Select(a => new SelectListItem(a.Name, a.Id.ToString("D"), a.Id == AgencyId))];
    }
}
