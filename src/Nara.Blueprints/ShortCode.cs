using System.Security.Cryptography;

namespace Nara.Blueprints;

/// <summary>
/// References people read out and type: nine Crockford base-32 characters in groups of three, the last a
/// Luhn mod-32 check character, so a single wrong character or two swapped neighbours are caught before any lookup.
/// </summary>
public static class ShortCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New()
    {
        Span<char> body = stackalloc char[8];
        for (var i = 0; i < body.Length; i++)
        {
            body[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        var code = new string(body) + CheckCharacter(body);
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

        if (chars.Count != 9 || CheckCharacter([.. chars.Take(8)]) != chars[8])
        {
            return null;
        }

        var code = new string([.. chars]);
        return $"{code[..3]}-{code[3..6]}-{code[6..]}";
    }

    private static char CheckCharacter(ReadOnlySpan<char> body)
    {
        var n = Alphabet.Length;
        var sum = 0;
        var factor = 2;
        for (var i = body.Length - 1; i >= 0; i--)
        {
            var addend = factor * Alphabet.IndexOf(body[i], StringComparison.Ordinal);
            factor = factor == 2 ? 1 : 2;
            sum += (addend / n) + (addend % n);
        }

        return Alphabet[(n - (sum % n)) % n];
    }
}
