using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Nara.Petitions.Pages.Petitions;

/// <summary>
/// The link from the confirmation email opens this page; the button confirms. (A link alone must not confirm:
/// mail scanners open links.) Afterwards the page gives the signer their public-log receipt.
/// </summary>
internal sealed class ConfirmModel(SignatureIntake intake) : PageModel
{
    public Petition? Petition { get; private set; }

    public string? Refusal { get; private set; }

    public bool Confirmed { get; private set; }

    public string? Receipt { get; private set; }

    public async Task<IActionResult> OnGetAsync(string key, CancellationToken cancellationToken)
    {
        var (signature, petition) = await intake.FindAsync(key, cancellationToken);
        Petition = petition;
        if (signature is null)
        {
            Refusal = "This link does not work. Check that you copied all of it.";
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        else if (signature.State == Signature.Confirmed)
        {
            Confirmed = true;
            Receipt = signature.LogLeaf is null ? null : Convert.ToHexStringLower(signature.LogLeaf);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string key, CancellationToken cancellationToken)
    {
        var outcome = await intake.ConfirmAsync(key, cancellationToken);
        Petition = outcome.Petition;
        Refusal = outcome.Refusal;
        Confirmed = outcome.Refusal is null;
        Receipt = outcome.Receipt is null ? null : Convert.ToHexStringLower(outcome.Receipt);
        if (Refusal is not null)
        {
            Response.StatusCode = Petition is null ? StatusCodes.Status404NotFound : StatusCodes.Status409Conflict;
        }

        return Page();
    }
}
