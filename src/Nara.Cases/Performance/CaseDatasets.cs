using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nara.Cases.Catalogue;
using Nara.Platform.OpenData;
using Nara.Platform.Storage;

namespace Nara.Cases.Performance;

/// <summary>One service's applications submitted in one month, and what became of them. Small groups are "&lt;5" and carry no times.</summary>
internal sealed record ApplicationsRow(string Service, string Agency, string Month, string Received, string Decided, string Withdrawn, string Open,
    string Overdue, decimal? DecidedOnTimePercent, decimal? MedianDays, decimal? Percentile90Days);

/// <summary>One public service over all its applications: the figures of the performance page.</summary>
internal sealed record ServicePerformanceRow(string Service, string Title, string Agency, string Received, string Decided, string Withdrawn, string Open,
    string Overdue, decimal? DecidedOnTimePercent, decimal? MedianDays, decimal? Percentile90Days, string Ratings, decimal? Satisfaction);

/// <summary>Problems reported in public places (services of the "your-area" category), by kind of problem and region.</summary>
internal sealed record GrievanceRow(string Service, string Category, string Region, string Reported, string Fixed, string NotOurs, string Open, string Overdue, decimal? MedianDaysToFix);

/// <summary>Applications by public service (and by month of submission): counts, processing times, deadline compliance and satisfaction.</summary>
internal static class CaseDatasets
{
    public static OpenDataFeed Feed { get; } = new(
        "applications",
        "Applications by service and month",
        "For every public service, over all applications and by month of submission: applications received, decided, withdrawn and still open, how many are past their deadline, the share decided within the deadline, the median and 90th-percentile days from submission to decision, and applicants' satisfaction (1 to 5). Counts below 5 are given as \"<5\", and times, shares and satisfaction are only given over at least 5 applications.",
        "GOVE",
        "DAILY",
        ["applications", "performance", "e-services", "satisfaction"],
        [
            new("service-performance", "Performance of each public service", typeof(ServicePerformanceRow), async (sp, ct) => await ServicesAsync(sp, ct)),
            new("applications-by-month", "Applications by service and month", typeof(ApplicationsRow), MonthlyAsync),
        ]);

    /// <summary>Grievances: the kind of problem and the region are public answers; the rest of the report is not published.</summary>
    public static OpenDataFeed Grievances { get; } = new(
        "grievances",
        "Problems reported in public places, by kind and region",
        "Problems people reported to be fixed (potholes, street lights, rubbish, drains, water) by kind of problem and region: how many were reported, fixed, passed on as not the council's responsibility, still open and past their deadline, and the median days to fix. Counts below 5 are given as \"<5\"; times only over at least 5 fixed problems.",
        "REGI",
        "DAILY",
        ["grievances", "roads", "waste", "water", "performance"],
        [new("grievances-by-category-and-area", "Problems reported, by kind and region", typeof(GrievanceRow), async (sp, ct) => await GrievanceRowsAsync(sp, ct))]);

    private static async Task<List<object>> GrievanceRowsAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<NaraDb>();
        var catalog = services.GetRequiredService<BlueprintCatalog>();
        var today = services.GetRequiredService<Deadlines>().Today;
        var kinds = catalog.Current.Where(b => b.Category == "your-area" && b.Audience == "public").ToDictionary(b => b.Id);
        var ids = kinds.Keys.ToList();
        var cases = await db.Set<Case>().AsNoTracking().Where(c => c.SubmittedAt != null && ids.Contains(c.BlueprintId))
            .Select(c => new { c.BlueprintId, c.State, c.Answers, SubmittedAt = c.SubmittedAt!.Value, c.ClosedAt, c.DueOn }).ToListAsync(cancellationToken);
        var rows = new List<object>();
        foreach (var group in cases.Select(c =>
                 {
                     var answers = System.Text.Json.Nodes.JsonNode.Parse(c.Answers);
                     return (Case: c, Category: Text(answers?["category"]), Region: Text(answers?["region"]));
                 })
                 .GroupBy(x => (x.Case.BlueprintId, x.Category, x.Region)).OrderBy(g => g.Key.BlueprintId, StringComparer.Ordinal)
                 .ThenBy(g => g.Key.Category, StringComparer.Ordinal).ThenBy(g => g.Key.Region, StringComparer.Ordinal))
        {
            var blueprint = kinds[group.Key.BlueprintId];
            var outcome = (string state) => blueprint.FindState(state)?.Outcome;
            var fixedDays = group.Where(x => x.Case.ClosedAt is not null && outcome(x.Case.State) == "approved").Select(x => (x.Case.ClosedAt!.Value - x.Case.SubmittedAt).TotalDays).Order().ToList();
            var open = group.Where(x => x.Case.ClosedAt is null).ToList();
            rows.Add(new GrievanceRow(group.Key.BlueprintId, group.Key.Category, group.Key.Region, OpenDataFeeds.PublicCount(group.Count()), OpenDataFeeds.PublicCount(fixedDays.Count),
                OpenDataFeeds.PublicCount(group.Count(x => x.Case.ClosedAt is not null && outcome(x.Case.State) == "rejected")), OpenDataFeeds.PublicCount(open.Count),
                OpenDataFeeds.PublicCount(open.Count(x => x.Case.DueOn < today)),
                fixedDays.Count < CaseTally.Smallest ? null : Math.Round((decimal)fixedDays[Math.Max(0, (int)Math.Ceiling(0.5 * fixedDays.Count) - 1)], 1)));
        }

        return rows;
    }

    private static string Text(System.Text.Json.Nodes.JsonNode? node) =>
        node is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<string>(out var text) ? text : "";

    public static async Task<List<ServicePerformanceRow>> ServicesAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var tallies = await CaseFigures.TallyAsync(services.GetRequiredService<NaraDb>(), services.GetRequiredService<BlueprintCatalog>(), services.GetRequiredService<Deadlines>().Today,
            (service, _) => service, cancellationToken);
        return [.. tallies.OrderBy(t => t.Service.Agency, StringComparer.Ordinal).ThenBy(t => t.Service.Id, StringComparer.Ordinal).Select(t => new ServicePerformanceRow(
            t.Service.Id, t.Service.Title, t.Service.Agency, t.Tally.PublicReceived, OpenDataFeeds.PublicCount(t.Tally.Decided.Count), OpenDataFeeds.PublicCount(t.Tally.Withdrawn),
            OpenDataFeeds.PublicCount(t.Tally.Open), OpenDataFeeds.PublicCount(t.Tally.Overdue), t.Tally.OnTimePercent, t.Tally.MedianDays, t.Tally.Percentile90Days,
            OpenDataFeeds.PublicCount(t.Tally.Ratings.Count), t.Tally.Satisfaction))];
    }

    private static async Task<IReadOnlyList<object>> MonthlyAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var tallies = await CaseFigures.TallyAsync(services.GetRequiredService<NaraDb>(), services.GetRequiredService<BlueprintCatalog>(), services.GetRequiredService<Deadlines>().Today,
            (service, submitted) => (service, Month: submitted.UtcDateTime.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)), cancellationToken);
        return [.. tallies.OrderBy(t => t.Key.service, StringComparer.Ordinal).ThenBy(t => t.Key.Month, StringComparer.Ordinal).Select(t => new ApplicationsRow(
            t.Key.service, t.Service.Agency, t.Key.Month, t.Tally.PublicReceived, OpenDataFeeds.PublicCount(t.Tally.Decided.Count), OpenDataFeeds.PublicCount(t.Tally.Withdrawn),
            OpenDataFeeds.PublicCount(t.Tally.Open), OpenDataFeeds.PublicCount(t.Tally.Overdue), t.Tally.OnTimePercent, t.Tally.MedianDays, t.Tally.Percentile90Days))];
    }
}
