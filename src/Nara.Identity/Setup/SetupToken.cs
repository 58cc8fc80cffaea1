using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;

namespace Nara.Identity.Setup;

/// <summary>
/// The one-time secret in the set-up link printed at first start, while no administrator exists.
/// It lives only in this process's memory and is spent by the first administrator's creation.
/// </summary>
internal sealed class SetupToken
{
    private string? value;

    public string Issue() => value ??= WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(24));

    public bool Matches(string? candidate) =>
        value is not null && candidate is not null
        && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(value), System.Text.Encoding.UTF8.GetBytes(candidate));

    public void Spend() => value = null;
}
