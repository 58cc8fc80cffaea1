namespace Nara.OpenData;

/// <summary>A licence as CKAN names it (<see cref="Id"/>) and as DCAT-AP points at it (<see cref="Uri"/>).</summary>
internal sealed record Licence(string Id, string Title, string Uri, bool Open);

/// <summary>An EU data theme: a DCAT-AP theme, and a group to CKAN clients (named by its lowercase code).</summary>
internal sealed record Theme(string Code, string Title)
{
    public string Group => Code.ToLowerInvariant();

    public string Uri => $"http://publications.europa.eu/resource/authority/data-theme/{Code}";
}

/// <summary>
/// The controlled lists a dataset's metadata comes from: CKAN's licence ids, and the EU Publications Office's
/// data-theme and frequency authority tables that DCAT-AP requires.
/// </summary>
internal static class Vocabularies
{
    public static IReadOnlyList<Licence> Licences { get; } =
    [
        new("cc-by", "Creative Commons Attribution 4.0", "http://creativecommons.org/licenses/by/4.0/", true),
        new("cc-zero", "Creative Commons CC0 1.0 (public domain)", "http://creativecommons.org/publicdomain/zero/1.0/", true),
        new("cc-by-sa", "Creative Commons Attribution Share-Alike 4.0", "http://creativecommons.org/licenses/by-sa/4.0/", true),
        new("odc-by", "Open Data Commons Attribution License", "http://opendatacommons.org/licenses/by/1-0/", true),
        new("odc-odbl", "Open Data Commons Open Database License (ODbL)", "http://opendatacommons.org/licenses/odbl/1-0/", true),
        new("odc-pddl", "Open Data Commons Public Domain Dedication and License (PDDL)", "http://opendatacommons.org/licenses/pddl/1-0/", true),
    ];

    public static IReadOnlyList<Theme> Themes { get; } =
    [
        new("AGRI", "Agriculture, fisheries, forestry and food"),
        new("ECON", "Economy and finance"),
        new("EDUC", "Education, culture and sport"),
        new("ENER", "Energy"),
        new("ENVI", "Environment"),
        new("GOVE", "Government and public sector"),
        new("HEAL", "Health"),
        new("INTR", "International issues"),
        new("JUST", "Justice, legal system and public safety"),
        new("REGI", "Regions and cities"),
        new("SOCI", "Population and society"),
        new("TECH", "Science and technology"),
        new("TRAN", "Transport"),
    ];

    public static IReadOnlyList<string> Frequencies { get; } = ["UPDATE_CONT", "DAILY", "WEEKLY", "MONTHLY", "QUARTERLY", "ANNUAL", "IRREG", "NEVER", "UNKNOWN"];

    public static Licence LicenceOf(string id) => Licences.FirstOrDefault(l => l.Id == id) ?? Licences[0];

    public static Theme ThemeOf(string code) => Themes.FirstOrDefault(t => t.Code == code) ?? Themes.First(t => t.Code == "GOVE");

    public static string FrequencyUri(string code) => $"http://publications.europa.eu/resource/authority/frequency/{code}";

    public static string FormatUri(string format) => $"http://publications.europa.eu/resource/authority/file-type/{format}";

    public static string MediaType(string format) => format == "JSON" ? "application/json" : "text/csv";
}
