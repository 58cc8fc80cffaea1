using Microsoft.EntityFrameworkCore;
using Nara.OpenData.Feeds;
using Nara.Platform.OpenData;
using Nara.Platform.Storage;

namespace Nara.OpenData;

/// <summary>The first rows of a CSV file, uploaded or derived, for the accessible preview table.</summary>
internal sealed class ResourcePreview(NaraDb db, IEnumerable<OpenDataFeed> feeds, IServiceProvider services, Microsoft.Extensions.Caching.Memory.IMemoryCache cache)
{
    public async Task<Preview?> ReadAsync(Resource resource, int rows, CancellationToken cancellationToken)
    {
        if (resource.Format != "CSV")
        {
            return null;
        }

        if (resource.FeedPath is { } path)
        {
            var file = feeds.SelectMany(f => f.Files).FirstOrDefault(f => $"/data/{f.Name}.csv" == path);
            if (file is null)
            {
                return null;
            }

            // A derived table reads many records: worked out at most once a minute, whoever looks.
            var csv = await Microsoft.Extensions.Caching.Memory.CacheExtensions.GetOrCreateAsync(cache, $"open-data:preview:{path}", async entry =>
            {
                entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
                return FeedFiles.Csv(file, await file.Rows(services, cancellationToken));
            });
            return ResourceFiles.Read(csv!, rows);
        }

        var content = await db.Set<ResourceContent>().AsNoTracking().Where(c => c.ResourceId == resource.Id).Select(c => c.Content).FirstOrDefaultAsync(cancellationToken);
        return content is null ? null : ResourceFiles.Read(content, rows);
    }
}
