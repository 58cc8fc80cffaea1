using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nara.Blueprints;
using Nara.Platform.Storage;

namespace Nara.Cases.Catalogue;

/// <summary>
/// Every installed blueprint version, parsed once and kept in memory. The current version of a service is its
/// highest; a case asks for the version it was started under. Another instance's installs are read on a miss.
/// </summary>
internal sealed class BlueprintCatalog
{
    private readonly ConcurrentDictionary<(string Id, string Version), Blueprint> versions = new();

    public IReadOnlyList<Blueprint> Current =>
        [.. versions.Values.GroupBy(b => b.Id).Select(g => g.MaxBy(b => SemanticVersion.Parse(b.Version))!).OrderBy(b => b.Title, StringComparer.CurrentCulture)];

    public Blueprint? CurrentOf(string id) =>
        versions.Values.Where(b => b.Id == id).MaxBy(b => SemanticVersion.Parse(b.Version));

    public void Add(Blueprint blueprint) => versions[(blueprint.Id, blueprint.Version)] = blueprint;

    public async Task<Blueprint?> FindAsync(NaraDb db, string id, string version, CancellationToken cancellationToken)
    {
        if (versions.TryGetValue((id, version), out var blueprint))
        {
            return blueprint;
        }

        var row = await db.Set<InstalledBlueprint>().AsNoTracking().FirstOrDefaultAsync(b => b.BlueprintId == id && b.Version == version, cancellationToken);
        return row is null ? null : Load(row);
    }

    public async Task LoadAllAsync(NaraDb db, CancellationToken cancellationToken)
    {
        foreach (var row in await db.Set<InstalledBlueprint>().AsNoTracking().ToListAsync(cancellationToken))
        {
            Load(row);
        }
    }

    private Blueprint? Load(InstalledBlueprint row)
    {
        var files = JsonSerializer.Deserialize<Dictionary<string, string>>(row.Files) ?? [];
        var load = BlueprintReader.Read(files, row.BlueprintId);
        if (load.Blueprint is { } blueprint)
        {
            Add(blueprint);
        }

        return load.Blueprint;
    }
}

/// <summary>Major.minor.patch ordering for blueprint versions (the schema guarantees the form).</summary>
internal readonly record struct SemanticVersion(int Major, int Minor, int Patch) : IComparable<SemanticVersion>
{
    public static SemanticVersion Parse(string text)
    {
        var parts = text.Split('.');
        return parts.Length == 3 && int.TryParse(parts[0], out var major) && int.TryParse(parts[1], out var minor) && int.TryParse(parts[2], out var patch)
            ? new SemanticVersion(major, minor, patch)
            : default;
    }

    public int CompareTo(SemanticVersion other) => (Major, Minor, Patch).CompareTo((other.Major, other.Minor, other.Patch));
}
