using Nara.Platform.Events;

namespace Nara.OpenData.Contracts;

/// <summary>A file of a published dataset, by its SHA-256: the log commits to exactly what was published.</summary>
public sealed record PublishedFile(string Name, string Format, string Sha256);

/// <summary>A dataset became public (or a public dataset changed its files). Carries only public metadata.</summary>
public sealed record DatasetPublished(Guid DatasetId, string Name, string Title, Guid? AgencyId, string LicenseId, IReadOnlyList<PublishedFile> Files) : IEvent
{
    public static string EventType => "open-data.dataset-published.v1";
}
