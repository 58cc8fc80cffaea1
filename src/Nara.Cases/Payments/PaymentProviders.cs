using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Nara.Platform.Hosting;

namespace Nara.Cases.Payments;

/// <summary>Where the payer goes next: a gateway's page, or instructions to pay at a counter.</summary>
internal sealed record PaymentStart(string? RedirectTo, bool AtCounter);

/// <summary>A way to pay a fee. Each provider starts a payment; completion comes back through <see cref="PaymentWork"/>.</summary>
internal interface IPaymentProvider
{
    string Name { get; }

    PaymentStart Start(Payment payment);
}

/// <summary>Cash at a service centre: the payer quotes the case reference and an agent records the receipt number.</summary>
internal sealed class CounterPayments : IPaymentProvider
{
    public const string ProviderName = "counter";

    public string Name => ProviderName;

    public PaymentStart Start(Payment payment) => new(null, AtCounter: true);
}

/// <summary>A signed notification from a gateway: what was paid, for which payment, under which transaction id.</summary>
internal sealed record GatewayNotification(Guid Payment, string Status, decimal Amount, string Currency, string Transaction, string Signature)
{
    public string Canonical => string.Join('|', Payment.ToString("D"), Status, Amount.ToString("0.00", CultureInfo.InvariantCulture), Currency, Transaction);
}

/// <summary>
/// An online payment gateway simulator that behaves like the hosted-checkout gateways governments use: the payer is
/// sent to its page, and it answers with a notification signed with HMAC-SHA256 under a secret shared with Nara.
/// A notification whose signature does not verify changes nothing. Replace with a real gateway by implementing
/// <see cref="IPaymentProvider"/> and verifying that gateway's signature the same way.
/// </summary>
internal sealed class GatewaySimulator(IConfiguration configuration, NaraSettings settings) : IPaymentProvider
{
    public const string ProviderName = "gateway";

    private readonly Lazy<byte[]> secret = new(() => LoadSecret(configuration, settings));

    public string Name => ProviderName;

    public PaymentStart Start(Payment payment) => new($"/payments/gateway/{payment.Id:D}", AtCounter: false);

    public GatewayNotification Sign(Guid payment, string status, decimal amount, string currency, string transaction)
    {
        var unsigned = new GatewayNotification(payment, status, amount, currency, transaction, "");
        return unsigned with { Signature = Convert.ToHexStringLower(HMACSHA256.HashData(secret.Value, Encoding.UTF8.GetBytes(unsigned.Canonical))) };
    }

    public bool Verify(GatewayNotification notification)
    {
        var expected = HMACSHA256.HashData(secret.Value, Encoding.UTF8.GetBytes(notification.Canonical));
        return notification.Signature.Length == 64
            && notification.Signature.All(char.IsAsciiHexDigitLower)
            && CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(notification.Signature));
    }

    private static byte[] LoadSecret(IConfiguration configuration, NaraSettings settings)
    {
        if (configuration["Payments:Gateway:Secret"] is { Length: >= 32 } configured)
        {
            return Encoding.UTF8.GetBytes(configured);
        }

        var path = SecretFiles.CreateOnce(Path.Combine(settings.DataDirectory, "keys", "payment-gateway.key"), () => RandomNumberGenerator.GetBytes(32));
        return File.ReadAllBytes(path);
    }
}
