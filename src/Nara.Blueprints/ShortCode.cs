using System.Security.Cryptography;

namespace Nara.Blueprints;

/// <summary>
/// References people read out and type: nine Crockford base-32 characters in groups of three, the last a check
/// character: the position-weighted sum (weights 1 to 8) of the other eight, modulo the prime 37. Every single wrong
/// character and every swap of two neighbours changes that sum, so they are caught before any lookup. Codes whose
/// check would be 32–36 (no symbol) are never issued.
/// </summary>
public static class ShortCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const int Modulus = 37;

    public static string New()
    {
        Span<char> body = stackalloc char[8];
        int check;
        do
        {
            for (var i = 0; i < body.Length; i++)
            {
                body[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
            }

            check = CheckValue(body);
        }
        while (check >= Alphabet.Length);

        var code = new string(body) + Alphabet[check];
        return $"{code[..3]}-{code[3..6]}-{code[6..]}";
    }

    /// <summary>The canonical form (upper case, grouped) of what someone typed, or null when it is not a valid code.</summary>
    public static string? Normalize(string? typed)
    {
        if (typed is null)
        {
            return null;
        }

        var chars = new List<char>(9);
        foreach (var c in typed.ToUpperInvariant())
        {
            if (c is '-' or ' ')
            {
                continue;
            }

            var mapped = c switch { 'O' => '0', 'I' or 'L' => '1', _ => c };
            if (!Alphabet.Contains(mapped, StringComparison.Ordinal) || chars.Count == 9)
            {
                return null;
            }

            chars.Add(mapped);
        }

        if (chars.Count != 9 || CheckValue([.. chars.Take(8)]) != Alphabet.IndexOf(chars[8], StringComparison.Ordinal))
        {
            return null;
        }

        var code = new string([.. chars]);
        return $"{code[..3]}-{code[3..6]}-{code[6..]}";
    }

    private static int CheckValue(ReadOnlySpan<char> body)
    {
        var sum = 0;
        for (var i = 0; i < body.Length; i++)
        {
            sum += (i + 1) * Alphabet.IndexOf(body[i], StringComparison.Ordinal);
        }

        return sum % Modulus;
    }
}
