using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nara.Platform.Events;
using Nara.Platform.OpenData;
using Nara.Platform.Storage;

namespace Nara.OpenData.Feeds;

/// <summary>
/// Keeps each module's derived datasets in the catalogue: listed (and logged as published) the first time, and their
/// files' size, hash, row count and "modified" time updated whenever the rows change — every
/// <c>OpenData:RefreshInterval</c> (five minutes), on every instance (the work is idempotent; a lost race to create a dataset is simply retried next time).
/// </summary>
internal sealed partial class FeedRefresh(IServiceScopeFactory scopes, IEnumerable<OpenDataFeed> feeds, TimeProvider clock, IConfiguration configuration, ILogger<FeedRefresh> logger)
    : BackgroundService
{

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        foreach (var feed in feeds)
        {
            await using var scope = scopes.CreateAsyncScope();
            try
            {
                await RefreshAsync(feed, scope.ServiceProvider, cancellationToken);
            }
            catch (DbUpdateException)
            {
                LostRace(logger, feed.Name);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // OpenData:RefreshInterval of zero turns the background refresh off (on an instance that should not do it).
        var interval = configuration.GetValue("OpenData:RefreshInterval", TimeSpan.FromMinutes(5));
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                RefreshFailed(logger, failure);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task RefreshAsync(OpenDataFeed feed, IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<NaraDb>();
        var now = clock.GetUtcNow();
        var dataset = await db.Set<Dataset>().Include(d => d.Resources).Include(d => d.Tags).FirstOrDefaultAsync(d => d.Name == feed.Name, cancellationToken);
        var created = dataset is null;
        dataset ??= db.Add(new Dataset
        {
            Id = Guid.CreateVersion7(now),
            Name = feed.Name,
            Title = feed.Title,
            Notes = feed.Description,
            LicenseId = "cc-by",
            Theme = feed.Theme,
            Frequency = feed.Frequency,
            State = Dataset.Published,
            Feed = feed.Name,
            CreatedAt = now,
            ModifiedAt = now,
            PublishedAt = now,
            Tags = [.. feed.Tags.Select(t => new DatasetTag { Name = t })],
        }).Entity;
        if (dataset.Feed != feed.Name)
        {
            // Staff took the name first; the feed stays off the catalogue rather than overwrite their dataset.
            NameTaken(logger, feed.Name);
            return;
        }

        var changed = false;
        var position = 0;
        foreach (var file in feed.Files)
        {
            var rows = await file.Rows(services, cancellationToken);
            changed |= Update(db, dataset, file.Name, file.Title, "CSV", FeedFiles.Csv(file, rows), rows.Count, position++, now);
            changed |= Update(db, dataset, file.Name, file.Title, "JSON", FeedFiles.Json(rows), rows.Count, position++, now);
        }

        if (created)
        {
            await services.GetRequiredService<DatasetWork>().PublishedAsync(dataset, Actor.System, cancellationToken);
        }
        else if (changed)
        {
            dataset.ModifiedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static bool Update(NaraDb db, Dataset dataset, string name, string title, string format, byte[] content, int rows, int position, DateTimeOffset now)
    {
        var path = $"/data/{name}.{format.ToLowerInvariant()}";
        var hash = Convert.ToHexStringLower(SHA256.HashData(content));
        var resource = dataset.Resources.FirstOrDefault(r => r.FeedPath == path);
        if (resource is null)
        {
            resource = new Resource { Id = Guid.CreateVersion7(now), DatasetId = dataset.Id, Name = $"{title} ({format})", Format = format, FeedPath = path, FileName = $"{name}.{format.ToLowerInvariant()}", Sha256 = "", CreatedAt = now };
            db.Add(resource);
            dataset.Resources.Add(resource);
        }
        else if (resource.Sha256 == hash)
        {
            return false;
        }

        resource.Position = position;
        resource.Sha256 = hash;
        resource.Size = content.Length;
        resource.Rows = rows;
        resource.ModifiedAt = now;
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Another instance listed the feed {Feed} first")]
    private static partial void LostRace(ILogger logger, string feed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A staff dataset already has the name {Feed}; the derived dataset is not listed")]
    private static partial void NameTaken(ILogger logger, string feed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Refreshing the derived datasets failed")]
    private static partial void RefreshFailed(ILogger logger, Exception failure);
}
