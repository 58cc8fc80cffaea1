using Microsoft.EntityFrameworkCore;
using Nara.OpenData.Feeds;
using Nara.Platform.OpenData;
using Nara.Platform.Storage;

namespace Nara.OpenData;

/// <summary>The first rows of a CSV file, uploaded or derived, for the accessible preview table.</summary>
internal sealed class ResourcePreview(NaraDb db, IEnumerable<OpenDataFeed> feeds, IServiceProvider services)
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
            return file is null ? null : ResourceFiles.Read(FeedFiles.Csv(file, await file.Rows(services, cancellationToken)), rows);
        }

        var content = await db.Set<ResourceContent>().AsNoTracking().Where(c => c.ResourceId == resource.Id).Select(c => c.Content).FirstOrDefaultAsync(cancellationToken);
        return content is null ? null : ResourceFiles.Read(content, rows);
    }
}
