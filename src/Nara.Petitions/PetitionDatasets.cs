using System.Globalization;
using CsvHelper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nara.Platform.Storage;

namespace Nara.Petitions;

public sealed record PetitionRow(long Id, string Title, string State, int Signatures, DateTimeOffset? OpenedAt, DateTimeOffset? ClosesAt, DateTimeOffset? ClosedAt,
    DateTimeOffset? ResponseThresholdAt, DateOnly? ResponseDueOn, DateTimeOffset? RespondedAt, bool? RespondedOnTime, DateTimeOffset? DebateThresholdAt, string? RejectionReason, string? Response);

public sealed record RegionRow(long PetitionId, string Region, string Signatures);

/// <summary>
/// Petitions as open data: every published petition with its state, dates and response, and its confirmed
/// signatures by region — JSON and CSV, rebuilt at most once a minute. As in every public dataset, a region
/// count below 5 is given as "&lt;5".
/// </summary>
internal static class PetitionDatasets
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var data = endpoints.MapGroup("/data").WithTags("Open data");
        data.MapGet("/petitions.json", async (NaraDb db, CancellationToken ct) => TypedResults.Ok(await PetitionsAsync(db, ct)))
            .WithName("PetitionsDataset").WithSummary("Every published petition: state, count, dates, response (JSON)").CacheOutput(p => p.Expire(TimeSpan.FromMinutes(1)));
        data.MapGet("/petitions.csv", async (NaraDb db, CancellationToken ct) => Csv(await PetitionsAsync(db, ct), "petitions.csv"))
            .WithName("PetitionsDatasetCsv").WithSummary("Every published petition (CSV)").CacheOutput(p => p.Expire(TimeSpan.FromMinutes(1)));
        data.MapGet("/petition-regions.json", async (NaraDb db, CancellationToken ct) => TypedResults.Ok(await RegionsAsync(db, ct)))
            .WithName("PetitionRegionsDataset").WithSummary("Confirmed signatures of published petitions by region; counts below 5 as \"<5\" (JSON)").CacheOutput(p => p.Expire(TimeSpan.FromMinutes(1)));
        data.MapGet("/petition-regions.csv", async (NaraDb db, CancellationToken ct) => Csv(await RegionsAsync(db, ct), "petition-regions.csv"))
            .WithName("PetitionRegionsDatasetCsv").WithSummary("Confirmed signatures by region (CSV)").CacheOutput(p => p.Expire(TimeSpan.FromMinutes(1)));
    }

    private static async Task<List<PetitionRow>> PetitionsAsync(NaraDb db, CancellationToken cancellationToken)
    {
        var rows = await db.Set<Petition>().AsNoTracking()
            .Where(p => p.State == Petition.Open || p.State == Petition.Closed || p.State == Petition.Rejected)
            .OrderBy(p => p.Id).ToListAsync(cancellationToken);
        return [.. rows.Select(p => new PetitionRow(p.Id, p.Title, p.State, p.Signatures, p.OpenedAt, p.ClosesAt, p.ClosedAt, p.ResponseThresholdAt, p.ResponseDueOn, p.RespondedAt,
            p.RespondedAt is { } at && p.ResponseDueOn is { } due ? DateOnly.FromDateTime(at.UtcDateTime) <= due : null, p.DebateThresholdAt, p.RejectionReason, p.Hidden ? null : p.Response))];
    }

    private static async Task<List<RegionRow>> RegionsAsync(NaraDb db, CancellationToken cancellationToken)
    {
        var published = db.Set<Petition>().Where(p => p.State == Petition.Open || p.State == Petition.Closed).Select(p => p.Id);
        var rows = await db.Set<RegionCount>().AsNoTracking().Where(c => published.Contains(c.PetitionId) && c.Count > 0)
            .OrderBy(c => c.PetitionId).ThenBy(c => c.Region).ToListAsync(cancellationToken);
        return [.. rows.Select(c => new RegionRow(c.PetitionId, c.Region, c.Count < 5 ? "<5" : c.Count.ToString(CultureInfo.InvariantCulture)))];
    }

    private static Microsoft.AspNetCore.Http.HttpResults.FileContentHttpResult Csv<T>(IEnumerable<T> rows, string name)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        // Titles are written by the public: a leading =, +, - or @ is escaped so spreadsheets do not run it.
        using (var csv = new CsvWriter(text, new CsvHelper.Configuration.CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = CsvHelper.Configuration.InjectionOptions.Escape }))
        {
            csv.WriteRecords(rows);
        }

        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(text.ToString()), "text/csv; charset=utf-8", name);
    }
}
