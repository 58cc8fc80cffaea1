using Microsoft.EntityFrameworkCore;
using Nara.Identity.Contracts;
using Nara.Platform.Storage;

namespace Nara.OpenData;

/// <summary>A public dataset as every reader of the catalogue sees it (CKAN, DCAT, pages).</summary>
internal sealed record CatalogEntry(Dataset Dataset, AgencyInfo? Publisher, IReadOnlyList<string> Tags, IReadOnlyList<Resource> Resources)
{
    public string Id { get; } = Dataset.Id.ToString("D");

    /// <summary>Title, description, name, keywords and publisher in lowercase: what a word search looks in, prepared once.</summary>
    public string SearchText { get; } = string.Join('\n', [Dataset.Title, Dataset.Notes, Dataset.Name, .. Tags, Publisher?.Name ?? "", Publisher?.Code ?? ""]).ToLowerInvariant();
}

/// <summary>Every published dataset, in name order, with lookups by id and name.</summary>
internal sealed class CatalogSnapshot(IReadOnlyList<CatalogEntry> entries, IReadOnlyList<AgencyInfo> agencies, (int, DateTimeOffset) stamp, DateTimeOffset builtAt)
{
    private readonly Dictionary<string, CatalogEntry> byKey = Index(entries);

    public IReadOnlyList<CatalogEntry> Entries => entries;

    public IReadOnlyList<AgencyInfo> Agencies => agencies;

    public (int Count, DateTimeOffset Modified) Stamp => stamp;

    public DateTimeOffset BuiltAt => builtAt;

    // Ids first: a name can never take an id's place (names shaped like ids are refused, and one here would be ignored).
    private static Dictionary<string, CatalogEntry> Index(IReadOnlyList<CatalogEntry> entries)
    {
        var index = new Dictionary<string, CatalogEntry>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            index.TryAdd(entry.Id, entry);
        }

        foreach (var entry in entries)
        {
            index.TryAdd(entry.Dataset.Name, entry);
        }

        return index;
    }

    public CatalogEntry? Find(string? idOrName) => idOrName is not null && byKey.TryGetValue(idOrName.Trim(), out var entry) ? entry : null;

    public AgencyInfo? Agency(string? idOrCode) =>
        agencies.FirstOrDefault(a => a.Code == idOrCode || a.Id.ToString("D") == idOrCode);
}

/// <summary>
/// The catalogue kept in memory, like a search index beside the database: each read asks the database one small
/// question (how many published datasets, and the latest change) and rebuilds only when the answer moved — so a
/// dataset published on any instance is searchable on every instance at once. Agency names are reread each minute.
/// </summary>
internal sealed class Catalog(TimeProvider clock)
{
    private CatalogSnapshot? current;

    public async Task<CatalogSnapshot> GetAsync(NaraDb db, IAgencyDirectory directory, CancellationToken cancellationToken)
    {
        var published = db.Set<Dataset>().Where(d => d.State == Dataset.Published);
        var count = await published.CountAsync(cancellationToken);
        var latest = count == 0 ? default : await published.OrderByDescending(d => d.ModifiedAt).Select(d => d.ModifiedAt).FirstAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var snapshot = current;
        if (snapshot is not null && snapshot.Stamp == (count, latest) && now - snapshot.BuiltAt < TimeSpan.FromMinutes(1))
        {
            return snapshot;
        }

        var agencies = await directory.AgenciesAsync(cancellationToken);
        var datasets = await published.AsNoTracking().AsSplitQuery().Include(d => d.Tags).Include(d => d.Resources).OrderBy(d => d.Name).ToListAsync(cancellationToken);
        var byId = agencies.ToDictionary(a => a.Id);
        snapshot = new CatalogSnapshot(
            [.. datasets.Select(d => new CatalogEntry(d, d.AgencyId is { } a ? byId.GetValueOrDefault(a) : null, [.. d.Tags.Select(t => t.Name).Order(StringComparer.Ordinal)], [.. d.Resources.OrderBy(r => r.Position)]))],
            [.. agencies.OrderBy(a => a.Code, StringComparer.Ordinal)], (count, latest), now);
        current = snapshot;
        return snapshot;
    }
}
