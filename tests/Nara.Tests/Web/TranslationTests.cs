using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Nara.Platform.Localization;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Web;

/// <summary>Every text a module shows, found in its source, is translated into every shipped language.</summary>
public sealed partial class TranslationTests
{
    private static readonly Dictionary<string, Type> Modules = new()
    {
        ["Nara.Identity"] = typeof(Nara.Identity.Strings),
        ["Nara.Web"] = typeof(Nara.Web.Strings),
        ["Nara.Cases"] = typeof(Nara.Cases.Strings),
        ["Nara.Petitions"] = typeof(Nara.Petitions.Strings),
        ["Nara.OpenData"] = typeof(Nara.OpenData.Strings),
        ["Nara.Budgeting"] = typeof(Nara.Budgeting.Strings),
        ["Nara.Consultations"] = typeof(Nara.Consultations.Strings),
    };

    public static TheoryData<string, string> ModulesAndCultures()
    {
        var data = new TheoryData<string, string>();
        foreach (var module in Modules.Keys)
        {
            foreach (var culture in NaraCultures.Supported.Where(c => c != "en"))
            {
                data.Add(module, culture);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ModulesAndCultures))]
    public void EveryTextInSource_TranslatedIntoEveryLanguage(string module, string culture)
    {
        var assembly = Modules[module].Assembly;
        var resources = new ResourceManager($"{module}.Strings", assembly);
        var set = resources.GetResourceSet(CultureInfo.GetCultureInfo(culture), createIfNotExists: true, tryParents: false);
        Assert.NotNull(set);

        var missing = KeysIn(module).Where(key => string.IsNullOrWhiteSpace(set.GetString(key))).ToList();

        Assert.True(missing.Count == 0, $"{missing.Count} texts of {module} have no {culture} translation:\n" + string.Join('\n', missing));
    }

    [Fact]
    public void Placeholders_KeptInEveryTranslation()
    {
        foreach (var (module, type) in Modules)
        {
            var resources = new ResourceManager($"{module}.Strings", type.Assembly);
            foreach (var key in KeysIn(module).Where(k => k.Contains("{0}", StringComparison.Ordinal)))
            {
                foreach (var culture in NaraCultures.Supported.Where(c => c != "en"))
                {
                    var text = resources.GetString(key, CultureInfo.GetCultureInfo(culture)) ?? "";
                    Assert.True(text.Contains("{0}", StringComparison.Ordinal), $"{culture} translation of \"{key}\" lost its {{0}}");
                }
            }
        }
    }

    internal static IReadOnlyList<string> KeysIn(string module)
    {
        var folder = Path.Combine(Repository.Root, "src", module);
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                              && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            // A key ending in "." is the prefix of a computed key (T["Role." + role]); those are listed in Strings.resx.
            foreach (var key in LocalizerKey().Matches(File.ReadAllText(file)).Select(m => Regex.Unescape(m.Groups[1].Value)).Where(k => !(k.EndsWith('.') && !k.Contains(' ', StringComparison.Ordinal))))
            {
                keys.Add(key);
            }
        }

        // Symbolic keys ("Role.officer") are listed in the module's English resources.
        var english = Path.Combine(folder, "Strings.resx");
        if (File.Exists(english))
        {
            foreach (Match match in ResxName().Matches(File.ReadAllText(english)))
            {
                keys.Add(System.Net.WebUtility.HtmlDecode(match.Groups[1].Value));
            }
        }

        return [.. keys];
    }

    [GeneratedRegex(@"(?:\bT|\btext|\bT\(\))\[""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LocalizerKey();

    [GeneratedRegex(@"<data name=""([^""]+)""")]
    private static partial Regex ResxName();
}
