using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using Nara.Identity.Contracts;

namespace Nara.Consultations.Pages.ConsultationOffice;

/// <summary>An agency's officer writes a draft to consult on; it opens when they open it.</summary>
[Authorize(Policy = NaraPolicies.Staff)]
internal sealed class NewModel(ConsultationWork work, IAgencyDirectory directory, IStringLocalizer<Strings> text) : PageModel
{
    [BindProperty] public Guid? AgencyId { get; set; }

    [BindProperty] public string? Title { get; set; }

    [BindProperty] public string? Summary { get; set; }

    [BindProperty] public string? Text { get; set; }

    [BindProperty] public DateOnly? ClosesOn { get; set; }

    public IReadOnlyList<SelectListItem> AgencyOptions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (AgencyId is not { } agency || !ConsultationWork.MayManage(User, agency))
        {
            ModelState.AddModelError(nameof(AgencyId), text["Choose the agency that consults."]);
            return Page();
        }

        ModelState.Clear();
        var result = await work.CreateAsync(agency, Title, Summary, Text, ClosesOn, cancellationToken);
        if (result.Succeeded)
        {
            return Redirect($"/office/consultations/{result.Id}");
        }

        foreach (var (field, (message, values)) in result.Errors)
        {
            ModelState.AddModelError(field, text[message, values]);
        }

        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var agencies = await directory.AgenciesAsync(cancellationToken);
        AgencyOptions = [.. agencies.Where(a => ConsultationWork.MayManage(User, a.Id)).Select(a => new SelectListItem(a.Name, a.Id.ToString("D"), a.Id == AgencyId))];
    }
}
