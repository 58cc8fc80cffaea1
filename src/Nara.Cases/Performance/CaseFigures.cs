using Microsoft.EntityFrameworkCore;
using Nara.Blueprints;
using Nara.Cases.Catalogue;
using Nara.Platform.OpenData;
using Nara.Platform.Storage;

namespace Nara.Cases.Performance;

/// <summary>What became of a group of submitted applications (one service, or one service in one month).</summary>
internal sealed class CaseTally
{
    public int Received { get; set; }

    /// <summary>Days from submission to decision, and whether it came by the deadline (null: the case had no deadline).</summary>
    public List<(double Days, bool? OnTime)> Decided { get; } = [];

    public int Withdrawn { get; set; }

    public int Open { get; set; }

    public int Overdue { get; set; }

    public List<int> Ratings { get; } = [];

    /// <summary>Times, shares and averages are published only over at least this many cases, like counts (below 5 is "&lt;5").</summary>
    public const int Smallest = 5;

    /// <summary>Share of decisions with a deadline that came by it; decisions without one are left out.</summary>
    public decimal? OnTimePercent => Decided.Count(d => d.OnTime is not null) is var withDeadline && withDeadline < Smallest
        ? null
        : Math.Round(100m * Decided.Count(d => d.OnTime == true) / withDeadline, 1);

    public decimal? MedianDays => Decided.Count < Smallest ? null : Days(0.5);

    public decimal? Percentile90Days => Decided.Count < Smallest ? null : Days(0.9);

    public decimal? Satisfaction => Ratings.Count < Smallest ? null : Math.Round((decimal)Ratings.Average(), 1);

    public string PublicReceived => OpenDataFeeds.PublicCount(Received);

    /// <summary>The nearest-rank percentile of the days from submission to decision (for an even count, the median is the lower middle value).</summary>
    private decimal Days(double p)
    {
        var sorted = Decided.Select(d => d.Days).Order().ToList();
        return Math.Round((decimal)sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)], 1);
    }
}

/// <summary>
/// Counts, processing times, deadline compliance and satisfaction for public services, from every submitted case:
/// one rule behind the performance page and the open datasets. A case's outcome comes from the blueprint version
/// it was decided under; internal services (e-administration) are left out.
/// </summary>
internal static class CaseFigures
{
    public static async Task<List<(Blueprint Service, TKey Key, CaseTally Tally)>> TallyAsync<TKey>(NaraDb db, BlueprintCatalog catalog, DateOnly today,
        Func<string, DateTimeOffset, TKey> keyOf, CancellationToken cancellationToken)
        where TKey : notnull
    {
        var cases = await db.Set<Case>().AsNoTracking().Where(c => c.SubmittedAt != null)
            .Select(c => new { c.BlueprintId, c.BlueprintVersion, c.State, SubmittedAt = c.SubmittedAt!.Value, c.ClosedAt, c.DueOn, c.Rating })
            .ToListAsync(cancellationToken);
        var versions = new Dictionary<(string, string), Blueprint?>();
        var tallies = new Dictionary<TKey, (Blueprint Service, CaseTally Tally)>();
        foreach (var c in cases)
        {
            if (catalog.CurrentOf(c.BlueprintId) is not { Audience: "public" } current)
            {
                continue;
            }

            if (!versions.TryGetValue((c.BlueprintId, c.BlueprintVersion), out var blueprint))
            {
                versions[(c.BlueprintId, c.BlueprintVersion)] = blueprint = await catalog.FindAsync(db, c.BlueprintId, c.BlueprintVersion, cancellationToken);
            }

            var key = keyOf(c.BlueprintId, c.SubmittedAt);
            if (!tallies.TryGetValue(key, out var entry))
            {
                tallies[key] = entry = (current, new CaseTally());
            }

            var tally = entry.Tally;
            tally.Received++;
            if (c.ClosedAt is not { } closed)
            {
                tally.Open++;
                tally.Overdue += c.DueOn < today ? 1 : 0;
            }
            else if (blueprint?.FindState(c.State)?.Outcome == "withdrawn")
            {
                tally.Withdrawn++;
            }
            else
            {
                tally.Decided.Add(((closed - c.SubmittedAt).TotalDays, c.DueOn is { } due ? DateOnly.FromDateTime(closed.UtcDateTime) <= due : null));
                if (c.Rating is { } rating)
                {
                    tally.Ratings.Add(rating);
                }
            }
        }

        return [.. tallies.Select(t => (t.Value.Service, t.Key, t.Value.Tally))];
    }
}
