using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Caching.Memory;
using Nara.Platform.Pages;

namespace Nara.Petitions.Pages.Petitions;

/// <summary>Whether agencies answer the petitions that reach the response threshold, and on time: a chart and the same figures as a table.</summary>
internal sealed class PerformanceModel(IServiceProvider services, IMemoryCache cache) : PageModel
{
    public IReadOnlyList<ResponsesRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Rows = await cache.GetOrCreateAsync("petitions:responses", entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            return PetitionDatasets.ResponsesAsync(services, cancellationToken);
        }) ?? [];

    public string Chart(string title, Func<string, string> none) => BarChart.Svg("responses-chart", title,
        [.. Rows.Select(r => new Bar(r.AgencyName, (double)(r.OnTimePercent ?? 0), r.OnTimePercent is { } p ? (p / 100).ToString("P0", CultureInfo.CurrentCulture) : none(r.AgencyName)))], 100);
}
