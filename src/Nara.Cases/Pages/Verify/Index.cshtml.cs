using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nara.Blueprints;
using Nara.Cases.Certificates;

namespace Nara.Cases.Pages.Verify;

/// <summary>Anyone, without signing in, checks a document by its code: valid, expired or revoked, and what it says.</summary>
internal sealed class IndexModel(CertificateIssuer issuer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    public bool Searched { get; private set; }

    public Certificate? Certificate { get; private set; }

    public PrintedContent? Printed { get; private set; }

    public CertificateStatus Status { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Code))
        {
            return Page();
        }

        var normalized = ShortCode.Normalize(Code);
        if (normalized is not null && normalized != Code)
        {
            return Redirect($"/verify/{normalized}");
        }

        Searched = true;
        if (await issuer.FindAsync(Code, cancellationToken) is { } found)
        {
            (Certificate, Printed) = found;
            Status = issuer.StatusOf(found.Certificate);
        }

        return Page();
    }
}
