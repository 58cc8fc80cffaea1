using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using Nara.Identity.Contracts;
using Nara.Platform.Events;

namespace Nara.OpenData.Pages.Publish;

/// <summary>Describe a new dataset: it is kept as a draft until it has files and someone publishes it.</summary>
[Authorize(Policy = NaraPolicies.Staff)]
internal sealed class NewModel(DatasetWork work, IAgencyDirectory directory, IStringLocalizer<Strings> text) : PageModel
{
    [BindProperty]
    public Guid? AgencyId { get; set; }

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Notes { get; set; }

    [BindProperty]
    public string? LicenseId { get; set; } = "cc-by";

    [BindProperty]
    public string? Theme { get; set; }

    [BindProperty]
    public string? Frequency { get; set; } = "ANNUAL";

    [BindProperty]
    public string? Tags { get; set; }

    [BindProperty]
    public DateOnly? TemporalStart { get; set; }

    [BindProperty]
    public DateOnly? TemporalEnd { get; set; }

    public IReadOnlyList<SelectListItem> AgencyOptions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return Page();
        }

        if (AgencyId is { } agency && !PublishRoles.MayPublishFor(User, agency))
        {
            AgencyId = null;
        }

        if (ModelState.IsValid)
        {
            var actor = new Actor(User.UserId(), AgencyId is { } a ? PublishRoles.RoleIn(User, a) : StaffRoles.Administrator, AgencyId);
            var (dataset, result) = await work.CreateAsync(new DatasetDraft(AgencyId, Title, Name, Notes, LicenseId, Theme, Frequency, Tags, TemporalStart, TemporalEnd), actor, cancellationToken);
            if (dataset is not null)
            {
                return Redirect($"/publish/datasets/{dataset.Id:D}");
            }

            foreach (var (field, problem) in result.Problems)
            {
                ModelState.AddModelError(field, text[problem.Message, problem.Arguments]);
            }
        }

        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var mine = PublishRoles.AgenciesOf(User);
        var all = PublishRoles.IsAdministrator(User);
        AgencyOptions = [.. (await directory.AgenciesAsync(cancellationToken)).Where(a => all || mine.Contains(a.Id)).OrderBy(a => a.Name, StringComparer.CurrentCulture)
            .Select(a => new SelectListItem(a.Name, a.Id.ToString("D"), a.Id == AgencyId))];
        return AgencyOptions.Count > 0;
    }
}
