using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nara.Platform.OpenData;
using Nara.Platform.Storage;

namespace Nara.Petitions;

internal sealed record PetitionRow(long Id, string Title, string State, int Signatures, DateTimeOffset? OpenedAt, DateTimeOffset? ClosesAt, DateTimeOffset? ClosedAt,
    DateTimeOffset? ResponseThresholdAt, DateOnly? ResponseDueOn, DateTimeOffset? RespondedAt, bool? RespondedOnTime, DateTimeOffset? DebateThresholdAt, string? RejectionReason, string? Response);

internal sealed record RegionRow(long PetitionId, string Region, string Signatures);

/// <summary>
/// Petitions as open data: every published petition with its state, dates and response, and its confirmed
/// signatures by region. The open-data module serves them at /data/petitions.csv|json and
/// /data/petition-regions.csv|json and lists them in the catalogue.
/// </summary>
internal static class PetitionDatasets
{
    public static OpenDataFeed Feed { get; } = new(
        "petitions",
        "Petitions and signatures by region",
        "Every published petition with its state, confirmed signatures, thresholds, deadlines and the government's response; and confirmed signatures of each petition by region. Region counts below 5 are given as \"<5\".",
        "GOVE",
        "DAILY",
        ["petitions", "e-participation", "regions"],
        [new("petitions", "Petitions", typeof(PetitionRow), PetitionsAsync), new("petition-regions", "Signatures by region", typeof(RegionRow), RegionsAsync)]);

    private static async Task<IReadOnlyList<object>> PetitionsAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<NaraDb>();
        var rows = await db.Set<Petition>().AsNoTracking()
            .Where(p => p.State == Petition.Open || p.State == Petition.Closed || p.State == Petition.Rejected)
            .OrderBy(p => p.Id).ToListAsync(cancellationToken);
        return [.. rows.Select(p => new PetitionRow(p.Id, p.Title, p.State, p.Signatures, p.OpenedAt, p.ClosesAt, p.ClosedAt, p.ResponseThresholdAt, p.ResponseDueOn, p.RespondedAt,
            p.RespondedAt is { } at && p.ResponseDueOn is { } due ? DateOnly.FromDateTime(at.UtcDateTime) <= due : null, p.DebateThresholdAt, p.RejectionReason, p.Hidden ? null : p.Response))];
    }

    private static async Task<IReadOnlyList<object>> RegionsAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<NaraDb>();
        var published = db.Set<Petition>().Where(p => p.State == Petition.Open || p.State == Petition.Closed).Select(p => p.Id);
        var rows = await db.Set<RegionCount>().AsNoTracking().Where(c => published.Contains(c.PetitionId) && c.Count > 0)
            .OrderBy(c => c.PetitionId).ThenBy(c => c.Region).ToListAsync(cancellationToken);
        return [.. rows.Select(c => new RegionRow(c.PetitionId, c.Region, OpenDataFeeds.PublicCount(c.Count)))];
    }
}
