using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Nara.Identity.Contracts;
using Nara.Platform.Events;

namespace Nara.Petitions.Pages.Moderate;

/// <summary>Publish a petition (naming the agency that must respond) or reject it with a reason from the configured list.</summary>
[Authorize(Policy = NaraPolicies.Moderator)]
internal sealed class PetitionModel(PetitionWork work, IAgencyDirectory directory, IOptions<PetitionOptions> options, IStringLocalizer<Strings> text) : PageModel
{
    public Petition Petition { get; private set; } = null!;

    public IReadOnlyList<AgencyInfo> Agencies { get; private set; } = [];

    public IReadOnlyList<string> Reasons => options.Value.RejectionReasons;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostPublishAsync(long id, Guid? agency, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        return await AfterAsync(await work.PublishAsync(Petition, agency, Moderator(), cancellationToken), id, cancellationToken);
    }

    public async Task<IActionResult> OnPostRejectAsync(long id, string? reason, string? details, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        return await AfterAsync(await work.RejectAsync(Petition, reason, details, Moderator(), cancellationToken), id, cancellationToken);
    }

    private async Task<IActionResult> AfterAsync(PetitionResult result, long id, CancellationToken cancellationToken)
    {
        if (result.Succeeded)
        {
            return Redirect("/moderate/petitions");
        }

        foreach (var (field, message) in result.Errors)
        {
            ModelState.AddModelError(field, text[message]);
        }

        await LoadAsync(id, cancellationToken);
        return Page();
    }

    private Actor Moderator() =>
        new(User.UserId(), StaffRoles.Moderator, null);

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        var petition = await work.FindAsync(id, cancellationToken);
        if (petition is null)
        {
            return false;
        }

        Petition = petition;
        Agencies = await directory.AgenciesAsync(cancellationToken);
        return true;
    }
}
