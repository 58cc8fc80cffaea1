using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nara.Blueprints;
using Nara.Platform.Storage;

namespace Nara.Cases.Catalogue;

internal sealed record BlueprintSummary(string Id, string Version, string Agency, string Audience, string? Category, IReadOnlyList<string> LifeEvents, string Title, string Summary, int? ExpectedDays, string? FeeCurrency, decimal? FeeFrom, IReadOnlyList<string> Languages, string? Credit, string Files);

/// <summary>
/// The published catalogue: /api/v1/blueprints (and the files of each, so another government can adopt a service),
/// and the JSON Schemas blueprints are checked against.
/// </summary>
internal static class CatalogueApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/schemas/blueprint.json", () => Results.Text(BlueprintReader.SchemaText, "application/schema+json"))
            .ExcludeFromDescription().CacheOutput(p => p.Expire(TimeSpan.FromMinutes(10)));
        endpoints.MapGet("/schemas/blueprint-translation.json", () => Results.Text(BlueprintReader.TranslationSchemaText, "application/schema+json"))
            .ExcludeFromDescription().CacheOutput(p => p.Expire(TimeSpan.FromMinutes(10)));

        var api = endpoints.MapGroup("/api/v1/blueprints").WithTags("Blueprints");
        api.MapGet("/", List).WithName("ListBlueprints").WithSummary("Every service this Nara offers, current versions");
        api.MapGet("/{id}", Get).WithName("GetBlueprint").WithSummary("One service's current version");
        api.MapGet("/{id}/{version}/package", PackageAsync).WithName("GetBlueprintPackage")
            .WithSummary("The version as a package signed by this government (import it with nara blueprint import)");
        api.MapGet("/{id}/{version}/files", Files).WithName("GetBlueprintFiles").WithSummary("The YAML files of one version (blueprint and translations)");
    }

    private static Ok<List<BlueprintSummary>> List(BlueprintCatalog catalog, HttpRequest request) =>
        TypedResults.Ok(catalog.Current.Select(b => Summarize(b, request)).ToList());

    private static Results<Ok<BlueprintSummary>, NotFound> Get(string id, BlueprintCatalog catalog, HttpRequest request) =>
        catalog.CurrentOf(id) is { } blueprint ? TypedResults.Ok(Summarize(blueprint, request)) : TypedResults.NotFound();

    private static async Task<Results<Ok<Dictionary<string, string>>, NotFound>> Files(string id, string version, NaraDb db, CancellationToken cancellationToken)
    {
        var row = await db.Set<InstalledBlueprint>().AsNoTracking().FirstOrDefaultAsync(b => b.BlueprintId == id && b.Version == version, cancellationToken);
        return row is null ? TypedResults.NotFound() : TypedResults.Ok(System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(row.Files)!);
    }

    private static async Task<Results<ContentHttpResult, NotFound>> PackageAsync(string id, string version, IServiceProvider services, CancellationToken cancellationToken)
    {
        var (package, _) = await BlueprintSharing.ExportAsync(services, id, version, cancellationToken);
        return package is null ? TypedResults.NotFound() : TypedResults.Text(package, "application/json");
    }

    private static BlueprintSummary Summarize(Blueprint b, HttpRequest request)
    {
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var text = new BlueprintText(b, language);
        return new BlueprintSummary(b.Id, b.Version, b.Agency, b.Audience, b.Category, b.LifeEvents, text.Title, text.Summary, b.ExpectedDays,
            b.Fee?.Currency, b.Fee?.Amount, [b.Language, .. b.Translations.Keys.Order(StringComparer.Ordinal)], b.Credit,
            $"{request.Scheme}://{request.Host}/api/v1/blueprints/{b.Id}/{b.Version}/files");
    }
}
