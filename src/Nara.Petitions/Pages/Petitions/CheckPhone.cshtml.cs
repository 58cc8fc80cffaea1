using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Nara.Petitions.Pages.Petitions;

/// <summary>Where a signer by SMS types the code they received, with their number; then they get their public-log receipt.</summary>
[EnableRateLimiting(PetitionsModule.SigningRateLimit)]
internal sealed class CheckPhoneModel(PetitionWork work, SignatureIntake intake, IStringLocalizer<Strings> text) : PageModel
{
    public Petition Petition { get; private set; } = null!;

    [BindProperty]
    public string? Phone { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    public bool Confirmed { get; private set; }

    public string? Receipt { get; private set; }

    // Only where signatures are confirmed by SMS.
    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        intake.BySms && await work.FindAsync(id, cancellationToken) is { } petition ? Show(petition) : NotFound();

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        if (!intake.BySms || await work.FindAsync(id, cancellationToken) is not { } petition)
        {
            return NotFound();
        }

        var outcome = await intake.ConfirmCodeAsync(petition, Phone, Code, cancellationToken);
        if (outcome.Refusal is { } refusal)
        {
            ModelState.AddModelError("Code", text[refusal]);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Show(petition);
        }

        Confirmed = true;
        Receipt = outcome.Receipt is null ? null : Convert.ToHexStringLower(outcome.Receipt);
        return Show(petition);
    }

    private PageResult Show(Petition petition)
    {
        Petition = petition;
        return Page();
    }
}
