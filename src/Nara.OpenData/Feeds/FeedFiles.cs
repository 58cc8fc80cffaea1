using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Nara.Platform.OpenData;

namespace Nara.OpenData.Feeds;

/// <summary>Every module's derived tables at <c>/data/{file}.csv</c> and <c>/data/{file}.json</c>, rebuilt at most once a minute.</summary>
internal static class FeedFiles
{
    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var data = endpoints.MapGroup("/data").WithTags("Open data");
        foreach (var feed in endpoints.ServiceProvider.GetServices<OpenDataFeed>())
        {
            foreach (var file in feed.Files)
            {
                data.MapGet($"/{file.Name}.csv", async (HttpContext http, CancellationToken ct) => TypedResults.File(await CsvAsync(file, http.RequestServices, ct), "text/csv; charset=utf-8", $"{file.Name}.csv"))
                    .WithName($"{file.Name}-csv").WithSummary($"{file.Title} (CSV)").CacheOutput(p => p.Expire(TimeSpan.FromMinutes(1)));
                data.MapGet($"/{file.Name}.json", async (HttpContext http, CancellationToken ct) => TypedResults.File(await JsonAsync(file, http.RequestServices, ct), "application/json; charset=utf-8"))
                    .WithName($"{file.Name}-json").WithSummary($"{file.Title} (JSON)").CacheOutput(p => p.Expire(TimeSpan.FromMinutes(1)));
            }
        }
    }

    public static async Task<byte[]> CsvAsync(OpenDataFile file, IServiceProvider services, CancellationToken cancellationToken) =>
        Csv(file, await file.Rows(services, cancellationToken));

    public static async Task<byte[]> JsonAsync(OpenDataFile file, IServiceProvider services, CancellationToken cancellationToken) =>
        JsonSerializer.SerializeToUtf8Bytes(await file.Rows(services, cancellationToken), WebJson);

    public static byte[] Json(IReadOnlyList<object> rows) => JsonSerializer.SerializeToUtf8Bytes(rows, WebJson);

    public static byte[] Csv(OpenDataFile file, IReadOnlyList<object> rows)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        // Values written by the public (petition titles) may start with =, +, - or @: escaped so spreadsheets do not run them.
        using (var csv = new CsvWriter(text, new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape }))
        {
            csv.WriteHeader(file.RowType);
            csv.NextRecord();
            foreach (var row in rows)
            {
                csv.WriteRecord(row);
                csv.NextRecord();
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
