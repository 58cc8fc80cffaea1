using System.Globalization;
using System.Text.RegularExpressions;

namespace Nara.Budgeting;

/// <summary>
/// Amounts as people type them: "12500", "12,500", "12 500.50", "12.500,50" or "12500,5". A comma or point followed by
/// one or two digits at the end is the decimal separator; other commas, points and spaces group thousands. Null when
/// it is not an amount.
/// </summary>
internal static partial class Money
{
    public static decimal? Parse(string? typed)
    {
        var clean = (typed ?? "").Trim().Replace(" ", "", StringComparison.Ordinal).Replace("\u00a0", "", StringComparison.Ordinal).Replace("\u202f", "", StringComparison.Ordinal);
        var match = Amount().Match(clean);
        if (!match.Success)
        {
            return null;
        }

        var whole = match.Groups["whole"].Value.Replace(",", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal);
        var text = match.Groups["cents"].Success ? whole + "." + match.Groups["cents"].Value : whole;
        return whole.Length <= 13 && decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) ? amount : null;
    }

    [GeneratedRegex(@"^(?<whole>\d{1,3}(?:[,.]\d{3})+|\d+)(?:[.,](?<cents>\d{1,2}))?$")]
    private static partial Regex Amount();
}
