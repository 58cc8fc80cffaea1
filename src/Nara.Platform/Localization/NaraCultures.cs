using System.Globalization;

namespace Nara.Platform.Localization;

/// <summary>The languages Nara ships. Adding one means adding its resource files to every module.</summary>
public static class NaraCultures
{
    public const string Default = "en";

    public static IReadOnlyList<string> Supported { get; } = ["en", "fr", "es", "ar", "ko"];

    /// <summary>Each language's own name for itself, shown in the language switcher.</summary>
    public static IReadOnlyDictionary<string, string> NativeNames { get; } = new Dictionary<string, string>
    {
        ["en"] = "English",
        ["fr"] = "Français",
        ["es"] = "Español",
        ["ar"] = "العربية",
        ["ko"] = "한국어",
    };

    public static string Normalize(string? culture) =>
        culture is not null && Supported.Contains(culture, StringComparer.OrdinalIgnoreCase) ? culture.ToLowerInvariant() : Default;

    public static bool IsRightToLeft(CultureInfo culture) => culture.TextInfo.IsRightToLeft;
}

/// <summary>Renders text in someone else's language (a notification to its recipient) and restores the request's.</summary>
public sealed class CultureScope : IDisposable
{
    private readonly CultureInfo culture;
    private readonly CultureInfo uiCulture;

    public CultureScope(string name)
    {
        culture = CultureInfo.CurrentCulture;
        uiCulture = CultureInfo.CurrentUICulture;
        var target = CultureInfo.GetCultureInfo(NaraCultures.Normalize(name));
        CultureInfo.CurrentCulture = target;
        CultureInfo.CurrentUICulture = target;
    }

    public void Dispose()
    {
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = uiCulture;
    }
}
