using System.Net.Mail;
using System.Text;

namespace Nara.Identity.SignIn;

/// <summary>An email address or a phone number someone signs in with, in its one canonical form.</summary>
internal sealed record ContactAddress(string Value, bool IsPhone)
{
    public string Channel => IsPhone ? "sms" : "email";

    /// <summary>Parses what a person typed; null when it is neither a plausible email address nor phone number.</summary>
    public static ContactAddress? Parse(string? input)
    {
        var text = input?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > 254)
        {
            return null;
        }

        if (text.Contains('@', StringComparison.Ordinal))
        {
            return MailAddress.TryCreate(text, out var mail) && mail.Address == text && mail.Host.Contains('.', StringComparison.Ordinal)
                ? new ContactAddress(text.ToLowerInvariant(), IsPhone: false)
                : null;
        }

        var digits = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c is not (' ' or '-' or '(' or ')' or '.' or '+'))
            {
                return null;
            }
        }

        // International form (E.164): a leading + and 8 to 15 digits.
        return text.StartsWith('+') && digits.Length is >= 8 and <= 15
            ? new ContactAddress("+" + digits, IsPhone: true)
            : null;
    }
}
