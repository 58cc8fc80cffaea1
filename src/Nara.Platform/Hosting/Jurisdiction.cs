using Microsoft.Extensions.Configuration;

namespace Nara.Platform.Hosting;

/// <summary>
/// The jurisdiction Nara serves: its regions (constituencies, districts), used by region questions, petition
/// counts and budgeting districts. Configured as <c>Jurisdiction:Regions:&lt;code&gt; = Name</c>; the fictional
/// Republic of Demo's five regions otherwise.
/// </summary>
public sealed class Jurisdiction
{
    private static readonly Dictionary<string, string> DemoRegions = new(StringComparer.Ordinal)
    {
        ["capital"] = "Capital District",
        ["north"] = "Northern Region",
        ["south"] = "Southern Region",
        ["east"] = "Eastern Region",
        ["west"] = "Western Region",
    };

    public Jurisdiction(IConfiguration configuration)
    {
        var configured = configuration.GetSection("Jurisdiction:Regions").GetChildren()
            .Where(c => !string.IsNullOrWhiteSpace(c.Value))
            .ToDictionary(c => c.Key, c => c.Value!, StringComparer.Ordinal);
        Regions = configured.Count > 0 ? configured : DemoRegions;
        Codes = Regions.Keys.ToHashSet(StringComparer.Ordinal);
        Name = configuration["Jurisdiction:Name"] ?? "Republic of Demo";
    }

    /// <summary>The jurisdiction's name (<c>Jurisdiction:Name</c>), as open data and Pabulib files name it.</summary>
    public string Name { get; }

    /// <summary>Region code → name, in the configured order.</summary>
    public IReadOnlyDictionary<string, string> Regions { get; }

    public IReadOnlySet<string> Codes { get; }
}
