using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nara.OpenData.Ckan;
using Nara.OpenData.Dcat;
using Nara.OpenData.Feeds;
using Nara.Platform.Storage;

namespace Nara.OpenData;

public static class OpenDataModule
{
    public static IServiceCollection AddOpenDataModule(this IServiceCollection services)
    {
        services.AddModelPart(typeof(OpenDataModule).Assembly);
        services.AddSingleton<Catalog>();
        services.AddScoped<DatasetWork>();
        services.AddScoped<ResourcePreview>();
        services.AddSingleton<FeedRefresh>();
        services.AddHostedService(sp => sp.GetRequiredService<FeedRefresh>());
        return services;
    }

    public static IEndpointRouteBuilder MapOpenDataModule(this IEndpointRouteBuilder endpoints)
    {
        CkanApi.Map(endpoints);
        DcatApi.Map(endpoints);
        FeedFiles.Map(endpoints);
        endpoints.MapGet("/dataset/{name}/resource/{id:guid}/download/{file?}", DownloadAsync).WithTags("Open data").WithSummary("An uploaded file of a published dataset");
        return endpoints;
    }

    /// <summary>Refreshes every derived dataset now (demo seeding and tests; the background service does it every five minutes).</summary>
    public static Task RefreshDerivedDatasetsAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<FeedRefresh>().RefreshAsync(cancellationToken);

    private static async Task<IResult> DownloadAsync(string name, Guid id, NaraDb db, CancellationToken cancellationToken)
    {
        var file = await db.Set<Resource>().AsNoTracking()
            .Where(r => r.Id == id && db.Set<Dataset>().Any(d => d.Id == r.DatasetId && d.Name == name && d.State == Dataset.Published))
            .Select(r => new { r.FileName, r.Format, r.Sha256, r.FeedPath, Content = db.Set<ResourceContent>().Where(c => c.ResourceId == r.Id).Select(c => c.Content).FirstOrDefault() })
            .FirstOrDefaultAsync(cancellationToken);
        if (file is { FeedPath: { } path })
        {
            return TypedResults.Redirect(path);
        }

        return file?.Content is null
            ? TypedResults.Problem(statusCode: 404, title: "No published file has this address.")
            : TypedResults.File(file.Content, $"{Vocabularies.MediaType(file.Format)}; charset=utf-8", file.FileName, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{file.Sha256}\""));
    }
}
