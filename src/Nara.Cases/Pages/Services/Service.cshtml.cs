using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nara.Blueprints;
using Nara.Cases.Catalogue;
using Nara.Identity.Contracts;

namespace Nara.Cases.Pages.Services;

internal sealed class ServiceModel(BlueprintCatalog catalog, IAgencyDirectory directory, CaseWork work) : PageModel
{
    public Blueprint Blueprint { get; private set; } = null!;

    public BlueprintText Text { get; private set; } = null!;

    public string AgencyName { get; private set; } = "";

    public FeeQuote? Fee { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    /// <summary>Starts a draft application; people sign in first (the sign-in page brings them back here).</summary>
    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        // Razor Pages authorize whole pages, not handlers: the service page itself is public.
        if (User.Identity?.IsAuthenticated != true)
        {
            return Challenge();
        }

        var userId = CaseRoles.UserId(User)!.Value;
        if (Blueprint.IsInternal ? !User.HasRole(StaffRoles.Officer, await AgencyIdAsync(cancellationToken)) : User.HasClaim(NaraClaims.Kind, "staff"))
        {
            return Forbid();
        }

        var @case = await work.StartAsync(Blueprint, userId, agentId: null, cancellationToken);
        return Redirect($"/cases/{@case.Reference}/answers/{Blueprint.Form.Pages[0].Id}");
    }

    private async Task<Guid?> AgencyIdAsync(CancellationToken cancellationToken) =>
        (await directory.AgenciesAsync(cancellationToken)).FirstOrDefault(a => a.Code == Blueprint.Agency)?.Id;

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        var blueprint = catalog.CurrentOf(id);
        var agency = blueprint is null ? null : (await directory.AgenciesAsync(cancellationToken)).FirstOrDefault(a => a.Code == blueprint.Agency);
        if (blueprint is null || agency is null)
        {
            return false;
        }

        Blueprint = blueprint;
        Text = new BlueprintText(blueprint, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
        AgencyName = agency.Name;
        Fee = Fees.Quote(blueprint, []);
        return true;
    }
}
