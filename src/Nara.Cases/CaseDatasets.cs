using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nara.Cases.Catalogue;
using Nara.Platform.OpenData;
using Nara.Platform.Storage;

namespace Nara.Cases;

/// <summary>One service's applications submitted in one month, and what became of them. Small groups are "&lt;5" and carry no times.</summary>
internal sealed record ApplicationsRow(string Service, string Agency, string Month, string Received, string Decided, string Withdrawn, string Open,
    string Overdue, decimal? DecidedOnTimePercent, decimal? MedianDays, decimal? Percentile90Days);

/// <summary>Applications by public service and month of submission: counts, processing times and deadline compliance.</summary>
internal static class CaseDatasets
{
    public static OpenDataFeed Feed { get; } = new(
        "applications",
        "Applications by service and month",
        "For every public service and month of submission: applications received, decided, withdrawn and still open, how many are past their deadline, the share decided within the deadline, and the median and 90th-percentile days from submission to decision. Counts below 5 are given as \"<5\" and such small groups carry no times.",
        "GOVE",
        "DAILY",
        ["applications", "performance", "e-services"],
        [new("applications-by-month", "Applications by service and month", typeof(ApplicationsRow), RowsAsync)]);

    private static async Task<IReadOnlyList<object>> RowsAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<NaraDb>();
        var catalog = services.GetRequiredService<BlueprintCatalog>();
        var today = services.GetRequiredService<Deadlines>().Today;
        var cases = await db.Set<Case>().AsNoTracking().Where(c => c.SubmittedAt != null)
            .Select(c => new { c.BlueprintId, c.BlueprintVersion, c.State, SubmittedAt = c.SubmittedAt!.Value, c.ClosedAt, c.DueOn })
            .ToListAsync(cancellationToken);
        var outcomes = new Dictionary<(string, string), Blueprints.Blueprint?>();
        var rows = new List<object>();
        foreach (var group in cases.GroupBy(c => (c.BlueprintId, Month: c.SubmittedAt.UtcDateTime.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)))
                     .OrderBy(g => g.Key.BlueprintId, StringComparer.Ordinal).ThenBy(g => g.Key.Month, StringComparer.Ordinal))
        {
            var current = catalog.CurrentOf(group.Key.BlueprintId);
            if (current is null || current.Audience != "public")
            {
                continue;
            }

            var decided = new List<(double Days, bool OnTime)>();
            int withdrawn = 0, open = 0, overdue = 0;
            foreach (var c in group)
            {
                if (!outcomes.TryGetValue((c.BlueprintId, c.BlueprintVersion), out var blueprint))
                {
                    outcomes[(c.BlueprintId, c.BlueprintVersion)] = blueprint = await catalog.FindAsync(db, c.BlueprintId, c.BlueprintVersion, cancellationToken);
                }

                if (c.ClosedAt is not { } closed)
                {
                    open++;
                    overdue += c.DueOn < today ? 1 : 0;
                }
                else if (blueprint?.FindState(c.State)?.Outcome == "withdrawn")
                {
                    withdrawn++;
                }
                else
                {
                    decided.Add(((closed - c.SubmittedAt).TotalDays, c.DueOn is not { } due || DateOnly.FromDateTime(closed.UtcDateTime) <= due));
                }
            }

            var small = decided.Count < 5;
            var days = decided.Select(d => d.Days).Order().ToList();
            rows.Add(new ApplicationsRow(group.Key.BlueprintId, current.Agency, group.Key.Month, OpenDataFeeds.PublicCount(group.Count()), OpenDataFeeds.PublicCount(decided.Count),
                OpenDataFeeds.PublicCount(withdrawn), OpenDataFeeds.PublicCount(open), OpenDataFeeds.PublicCount(overdue),
                small ? null : Math.Round(100m * decided.Count(d => d.OnTime) / decided.Count, 1),
                small ? null : Days(Percentile(days, 0.5)), small ? null : Days(Percentile(days, 0.9))));
        }

        return rows;
    }

    /// <summary>The nearest-rank percentile of sorted values.</summary>
    internal static double Percentile(IReadOnlyList<double> sorted, double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static decimal Days(double days) => Math.Round((decimal)days, 1);
}
