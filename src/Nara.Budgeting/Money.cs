using System.Globalization;

namespace Nara.Budgeting;

/// <summary>Amounts as people type them: "12500", "12,500" or "12 500.50". Null when it is not an amount.</summary>
internal static class Money
{
    public static decimal? Parse(string? typed)
    {
        var clean = (typed ?? "").Replace(",", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).Replace("\u00a0", "", StringComparison.Ordinal);
        return decimal.TryParse(clean, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var amount) && amount < 1_000_000_000_000m ? amount : null;
    }
}
