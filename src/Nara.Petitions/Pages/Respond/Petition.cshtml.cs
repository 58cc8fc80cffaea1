using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Nara.Identity.Contracts;
using Nara.Platform.Events;

namespace Nara.Petitions.Pages.Respond;

/// <summary>Write and publish the government's response; it is emailed to every confirmed signer who asked.</summary>
[Authorize(Policy = NaraPolicies.Staff)]
internal sealed class PetitionModel(PetitionWork work, SignatureIntake intake, IStringLocalizer<Strings> text) : PageModel
{
    public Petition Petition { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(long id, string? response, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var recipients = await intake.NotifyListAsync(id, cancellationToken);
        var role = PetitionRoles.RoleIn(User, Petition.AgencyId!.Value);
        var result = await work.RespondAsync(Petition, response, new Actor(User.UserId(), role, Petition.AgencyId), recipients, cancellationToken);
        if (result.Succeeded)
        {
            return Redirect($"/petitions/{id}");
        }

        foreach (var (field, message) in result.Errors)
        {
            ModelState.AddModelError(field, text[message]);
        }

        return Page();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        var petition = await work.FindAsync(id, cancellationToken);
        if (petition?.AgencyId is not { } agency || !PetitionRoles.AgenciesOf(User).Contains(agency))
        {
            return false;
        }

        Petition = petition;
        return true;
    }
}
