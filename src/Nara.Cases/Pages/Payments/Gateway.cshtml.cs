using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Nara.Cases.Payments;
using Nara.Platform.Storage;

namespace Nara.Cases.Pages.Payments;

/// <summary>
/// The payment gateway simulator's own page (in real life on the gateway's site): the payer confirms or cancels,
/// and is sent back to Nara with a signed notification in a form, as hosted-checkout gateways do.
/// </summary>
internal sealed class GatewayModel(NaraDb db, GatewaySimulator gateway) : PageModel
{
    public Payment Payment { get; private set; } = null!;

    public GatewayNotification? Notification { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, bool pay, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var transaction = "SIM-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6));
        Notification = gateway.Sign(Payment.Id, pay ? "paid" : "cancelled", Payment.Amount, Payment.Currency, transaction);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var payment = await db.Set<Payment>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id && p.Provider == GatewaySimulator.ProviderName, cancellationToken);
        Payment = payment!;
        return payment is not null;
    }
}
