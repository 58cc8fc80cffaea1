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
