using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Caching.Memory;
using Nara.Cases.Performance;
using Nara.Identity.Contracts;
using Nara.Platform.Pages;

namespace Nara.Cases.Pages.Performance;

/// <summary>
/// The public performance dashboard: for each agency and public service, applications received and decided, how
/// long decisions take, the share within the deadline, the backlog, and applicants' satisfaction — a chart and a
/// table with the same figures, all downloadable. Built from the same rule as the open dataset.
/// </summary>
internal sealed class IndexModel(IAgencyDirectory directory, IServiceProvider services, IMemoryCache cache) : PageModel
{
    public IReadOnlyList<(string Agency, IReadOnlyList<ServicePerformanceRow> Services)> Agencies { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var names = (await directory.AgenciesAsync(cancellationToken)).ToDictionary(a => a.Code, a => a.Name, StringComparer.Ordinal);
        // The figures read every submitted case: worked out at most once a minute per instance, whoever asks.
        var rows = await cache.GetOrCreateAsync("cases:service-performance", entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            return CaseDatasets.ServicesAsync(services, cancellationToken);
        }) ?? [];
        Agencies = [.. rows.GroupBy(r => r.Agency).Select(g => (names.GetValueOrDefault(g.Key, g.Key), (IReadOnlyList<ServicePerformanceRow>)[.. g]))
            .OrderBy(a => a.Item1, StringComparer.CurrentCulture)];
    }

    public static string Chart(string id, string title, IReadOnlyList<ServicePerformanceRow> rows, Func<string, string> tooFew) => BarChart.Svg(id, title,
        [.. rows.Select(r => new Bar(r.Title, (double)(r.DecidedOnTimePercent ?? 0), r.DecidedOnTimePercent is { } p ? (p / 100).ToString("P0", CultureInfo.CurrentCulture) : tooFew(r.Title)))], 100);
}
