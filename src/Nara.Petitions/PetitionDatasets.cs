using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nara.Identity.Contracts;
using Nara.Platform.OpenData;
using Nara.Platform.Storage;

namespace Nara.Petitions;

internal sealed record PetitionRow(long Id, string Title, string State, int Signatures, DateTimeOffset? OpenedAt, DateTimeOffset? ClosesAt, DateTimeOffset? ClosedAt,
    DateTimeOffset? ResponseThresholdAt, DateOnly? ResponseDueOn, DateTimeOffset? RespondedAt, bool? RespondedOnTime, DateTimeOffset? DebateThresholdAt, string? RejectionReason, string? Response);

internal sealed record RegionRow(long PetitionId, string Region, string Signatures);

/// <summary>One agency's answers to petitions that reached the response threshold.</summary>
internal sealed record ResponsesRow(string Agency, string AgencyName, int Owed, int Responded, int RespondedOnTime, int Waiting, int Overdue, decimal? OnTimePercent);

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
        [
            new("petitions", "Petitions", typeof(PetitionRow), PetitionsAsync),
            new("petition-regions", "Signatures by region", typeof(RegionRow), RegionsAsync),
            new("petition-responses", "Government responses to petitions, by agency", typeof(ResponsesRow), async (sp, ct) => await ResponsesAsync(sp, ct)),
        ]);

    /// <summary>
    /// For each agency, petitions that reached the response threshold: answered, answered by the deadline, still waiting,
    /// and waiting past the deadline. Petitions are public acts, so these counts are given exactly.
    /// </summary>
    public static async Task<List<ResponsesRow>> ResponsesAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<NaraDb>();
        var today = DateOnly.FromDateTime(services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        var agencies = (await services.GetRequiredService<IAgencyDirectory>().AgenciesAsync(cancellationToken)).ToDictionary(a => a.Id);
        var owed = await db.Set<Petition>().AsNoTracking().Where(p => p.ResponseThresholdAt != null && p.AgencyId != null)
            .Select(p => new { AgencyId = p.AgencyId!.Value, p.RespondedAt, p.ResponseDueOn }).ToListAsync(cancellationToken);
        return [.. owed.GroupBy(p => p.AgencyId).Select(g =>
            {
                var responded = g.Count(p => p.RespondedAt is not null);
                var onTime = g.Count(p => p.RespondedAt is { } at && (p.ResponseDueOn is not { } due || DateOnly.FromDateTime(at.UtcDateTime) <= due));
                var agency = agencies.GetValueOrDefault(g.Key);
                return new ResponsesRow(agency?.Code ?? "", agency?.Name ?? "", g.Count(), responded, onTime, g.Count() - responded,
                    g.Count(p => p.RespondedAt is null && p.ResponseDueOn < today), responded == 0 ? null : Math.Round(100m * onTime / responded, 1));
            }).OrderBy(r => r.AgencyName, StringComparer.CurrentCulture)];
    }

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
