using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nara.Cases.Payments;

namespace Nara.Cases.Pages.Payments;

/// <summary>Where the gateway sends the payer back with its signed notification (a cross-site form, so no antiforgery token).</summary>
[IgnoreAntiforgeryToken]
internal sealed class CallbackModel(GatewayCallback callback) : PageModel
{
    public string? Problem { get; private set; }

    public string? Reference { get; private set; }

    public async Task<IActionResult> OnPostAsync([FromForm] GatewayNotification notification, CancellationToken cancellationToken)
    {
        (Reference, Problem) = await callback.HandleAsync(notification, cancellationToken);
        if (Problem is null && Reference is not null)
        {
            return Redirect($"/cases/{Reference}/submitted");
        }

        Response.StatusCode = Problem == "cancelled" ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;
        return Page();
    }
}
