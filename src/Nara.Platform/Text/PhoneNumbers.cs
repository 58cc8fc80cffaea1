namespace Nara.Platform.Text;

/// <summary>Mobile numbers as people type them, made comparable.</summary>
public static class PhoneNumbers
{
    /// <summary>A mobile number in international form (E.164): "+", the country code and the number, spaces and dashes removed; null if it is not one.</summary>
    public static string? Normalize(string? phone)
    {
        var value = phone is null ? "" : new string([.. phone.Where(c => c is not (' ' or '-' or '.' or '(' or ')'))]);
        if (value.StartsWith("00", StringComparison.Ordinal))
        {
            value = "+" + value[2..];
        }

        return value.Length is >= 9 and <= 16 && value[0] == '+' && value[1] != '0' && value[1..].All(char.IsAsciiDigit) ? value : null;
    }
}
