using Microsoft.EntityFrameworkCore;
using Nara.Blueprints;
using Nara.Cases.Contracts;
using Nara.Platform.Events;
using Nara.Platform.Storage;

namespace Nara.Cases.Payments;

/// <summary>
/// Fees: starting a payment with a provider, and recording it as paid — from a verified gateway notification or an
/// agent's counter receipt — which sends the case into its workflow in the same transaction. Paying twice records once.
/// </summary>
internal sealed class PaymentWork(NaraDb db, CaseWork work, CaseAnswers answers, EventPublisher events, IEnumerable<IPaymentProvider> providers, TimeProvider clock)
{
    public FeeQuote? Due(OpenCase open) => open.Case.State == Case.AwaitingPayment ? Fees.Quote(open.Blueprint, answers.Read(open.Case)) : null;

    public async Task<(Payment? Payment, PaymentStart? Start)> StartAsync(OpenCase open, string providerName, CancellationToken cancellationToken)
    {
        var provider = providers.FirstOrDefault(p => p.Name == providerName);
        if (provider is null || Due(open) is not { IsDue: true } fee)
        {
            return (null, null);
        }

        var now = clock.GetUtcNow();
        var payment = await db.Set<Payment>().FirstOrDefaultAsync(p => p.CaseId == open.Case.Id && p.Provider == provider.Name && p.Status == PaymentStatus.Pending, cancellationToken);
        if (payment is null)
        {
            payment = new Payment { Id = Guid.CreateVersion7(now), CaseId = open.Case.Id, Amount = fee.Amount, Currency = fee.Currency, Provider = provider.Name, CreatedAt = now };
            db.Set<Payment>().Add(payment);
            await db.SaveChangesAsync(cancellationToken);
        }

        return (payment, provider.Start(payment));
    }

    /// <summary>Records a payment as made. Refuses a wrong amount or currency; a payment already recorded is left as it is.</summary>
    public async Task<string?> RecordAsync(OpenCase open, string providerName, decimal amount, string currency, string receipt, Actor actor, Guid? paymentId, CancellationToken cancellationToken)
    {
        var fee = Due(open);
        if (fee is null)
        {
            return await db.Set<Payment>().AnyAsync(p => p.CaseId == open.Case.Id && p.Status == PaymentStatus.Paid, cancellationToken) ? null : "nothing-due";
        }

        if (amount != fee.Amount || currency != fee.Currency)
        {
            return "wrong-amount";
        }

        if (string.IsNullOrWhiteSpace(receipt) || receipt.Length > 100)
        {
            return "receipt-required";
        }

        var now = clock.GetUtcNow();
        var payment = paymentId is null ? null : await db.Set<Payment>().FirstOrDefaultAsync(p => p.Id == paymentId && p.CaseId == open.Case.Id, cancellationToken);
        if (payment is null)
        {
            payment = new Payment { Id = Guid.CreateVersion7(now), CaseId = open.Case.Id, Amount = amount, Currency = currency, Provider = providerName, CreatedAt = now };
            db.Set<Payment>().Add(payment);
        }

        payment.Status = PaymentStatus.Paid;
        payment.PaidAt = now;
        payment.ProviderReference = receipt.Trim();
        payment.RecordedBy = actor.UserId;
        var stored = await events.PublishAsync(new CasePaid(open.Case.Id, payment.Id, amount, currency, providerName), actor, cancellationToken: cancellationToken);
        work.AddEntry(open.Case, EntryKind.Payment, actor, null, null, null, null, stored);
        await work.EnterWorkflowAsync(open, actor, cancellationToken);
        open.Case.Version = Guid.NewGuid();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            // The same payment arrived twice at once (a gateway retry); the first one recorded it.
            db.ChangeTracker.Clear();
            return null;
        }
    }
}
