using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Nara.Platform.Events;
using Nara.Platform.Storage;

namespace Nara.Cases.Payments;

/// <summary>
/// Takes the gateway's signed notification — posted by the payer's browser to /payments/callback or sent
/// server to server as JSON — and records the payment only when the signature, the payment and the amount all check out.
/// </summary>
internal sealed class GatewayCallback(NaraDb db, GatewaySimulator gateway, PaymentWork payments, CaseWork work)
{
    private static readonly Actor Gateway = new(null, "payment-gateway");

    public async Task<(string? Reference, string? Problem)> HandleAsync(GatewayNotification notification, CancellationToken cancellationToken)
    {
        if (!gateway.Verify(notification))
        {
            return (null, "bad-signature");
        }

        var payment = await db.Set<Payment>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == notification.Payment && p.Provider == GatewaySimulator.ProviderName, cancellationToken);
        var reference = payment is null ? null : await db.Set<Case>().Where(c => c.Id == payment.CaseId).Select(c => c.Reference).FirstOrDefaultAsync(cancellationToken);
        var open = await work.FindAsync(reference, cancellationToken);
        if (payment is null || open is null)
        {
            return (null, "unknown-payment");
        }

        if (notification.Status != "paid")
        {
            return (open.Case.Reference, "cancelled");
        }

        var problem = await payments.RecordAsync(open, GatewaySimulator.ProviderName, notification.Amount, notification.Currency, notification.Transaction, Gateway, payment.Id, cancellationToken);
        return (open.Case.Reference, problem);
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/v1/payments/gateway/notify", NotifyAsync)
            .WithTags("Payments").WithName("GatewayNotify")
            .WithSummary("A payment gateway's signed notification (HMAC-SHA256 of payment|status|amount|currency|transaction)")
            .DisableAntiforgery();

    private static async Task<Results<Ok, ProblemHttpResult>> NotifyAsync(GatewayNotification notification, GatewayCallback callback, CancellationToken cancellationToken)
    {
        var (_, problem) = await callback.HandleAsync(notification, cancellationToken);
        return problem is null or "cancelled"
            ? TypedResults.Ok()
            : TypedResults.Problem(statusCode: problem == "bad-signature" ? StatusCodes.Status401Unauthorized : StatusCodes.Status422UnprocessableEntity, title: problem switch
            {
                "bad-signature" => "The notification's signature does not verify.",
                "unknown-payment" => "No such payment.",
                "wrong-amount" => "The amount or currency is not what is due.",
                _ => "The payment could not be recorded.",
            }, type: $"https://nara.example/problems/{problem}");
    }
}
