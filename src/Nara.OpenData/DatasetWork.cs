using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Nara.OpenData.Contracts;
using Nara.Platform.Events;
using Nara.Platform.Storage;

namespace Nara.OpenData;

/// <summary>What staff wrote about a dataset, before it is checked.</summary>
internal sealed record DatasetDraft(Guid? AgencyId, string? Title, string? Name, string? Notes, string? LicenseId, string? Theme, string? Frequency, string? Tags,
    DateOnly? TemporalStart, DateOnly? TemporalEnd);

/// <summary>A change's outcome: done, or the field and message that stop it.</summary>
internal sealed record WorkResult(IReadOnlyList<(string Field, FileProblem Problem)> Problems)
{
    public static WorkResult Done { get; } = new([]);

    public bool Succeeded => Problems.Count == 0;

    public static WorkResult Fail(string field, string message, params object[] arguments) => new([(field, new FileProblem(message, arguments))]);
}

/// <summary>
/// Staff's datasets: write the metadata, add files (checked before they are kept), publish. Publishing, and adding a
/// file to a published dataset, is an event — and so an entry in the public log committing to each file's hash.
/// </summary>
internal sealed partial class DatasetWork(NaraDb db, EventPublisher events, TimeProvider clock)
{
    public async Task<(Dataset? Dataset, WorkResult Result)> CreateAsync(DatasetDraft draft, Actor actor, CancellationToken cancellationToken)
    {
        var problems = new List<(string, FileProblem)>();
        var title = draft.Title?.Trim() ?? "";
        var name = string.IsNullOrWhiteSpace(draft.Name) ? Slug(title) : draft.Name.Trim();
        if (title.Length is 0 or > 200)
        {
            problems.Add(("Title", new("Enter a title of up to 200 characters.")));
        }

        // A name shaped like an id would make "package_show?id=…" ambiguous.
        if (!NamePattern().IsMatch(name) || Guid.TryParse(name, out _))
        {
            problems.Add(("Name", new("The web name can have 2 to 100 lowercase letters, digits, \"-\" and \"_\".")));
        }
        else if (await db.Set<Dataset>().AnyAsync(d => d.Name == name, cancellationToken))
        {
            problems.Add(("Name", new("Another dataset already has the web name \"{0}\". Choose another.", name)));
        }

        if (string.IsNullOrWhiteSpace(draft.Notes) || draft.Notes.Length > 5000)
        {
            problems.Add(("Notes", new("Describe the dataset in up to 5,000 characters.")));
        }

        if (draft.AgencyId is null)
        {
            problems.Add(("AgencyId", new("Choose the agency that publishes the dataset.")));
        }

        if (Vocabularies.Licences.All(l => l.Id != draft.LicenseId))
        {
            problems.Add(("LicenseId", new("Choose a licence.")));
        }

        if (Vocabularies.Themes.All(t => t.Code != draft.Theme))
        {
            problems.Add(("Theme", new("Choose a theme.")));
        }

        if (!Vocabularies.Frequencies.Contains(draft.Frequency))
        {
            problems.Add(("Frequency", new("Choose how often the dataset is updated.")));
        }

        if (draft.TemporalStart > draft.TemporalEnd)
        {
            problems.Add(("TemporalEnd", new("The period must end on or after its start.")));
        }

        var tags = TagsOf(draft.Tags);
        if (tags.Any(t => t.Length > 100) || tags.Count > 20)
        {
            problems.Add(("Tags", new("Give up to 20 keywords, separated by commas.")));
        }

        if (problems.Count > 0)
        {
            return (null, new(problems));
        }

        var now = clock.GetUtcNow();
        var dataset = new Dataset
        {
            Id = Guid.CreateVersion7(now),
            Name = name,
            Title = title,
            Notes = draft.Notes!.Trim(),
            AgencyId = draft.AgencyId,
            LicenseId = draft.LicenseId!,
            Theme = draft.Theme!,
            Frequency = draft.Frequency!,
            TemporalStart = draft.TemporalStart,
            TemporalEnd = draft.TemporalEnd,
            State = Dataset.Draft,
            CreatedBy = actor.UserId,
            CreatedAt = now,
            ModifiedAt = now,
            Tags = [.. tags.Select(t => new DatasetTag { Name = t })],
        };
        db.Add(dataset);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another dataset took the name between the check and the save.
            db.ChangeTracker.Clear();
            return (null, WorkResult.Fail("Name", "Another dataset already has the web name \"{0}\". Choose another.", name));
        }

        return (dataset, WorkResult.Done);
    }

    public async Task<WorkResult> AddFileAsync(Dataset dataset, string? fileName, byte[] content, string? label, string? description, Actor actor, CancellationToken cancellationToken)
    {
        if (content.Length == 0)
        {
            return WorkResult.Fail("Upload", "Choose a CSV or JSON file.");
        }

        if (content.Length > ResourceFiles.MaxBytes)
        {
            return WorkResult.Fail("Upload", "The file must be smaller than 10 MB.");
        }

        if (ResourceFiles.FormatOf(fileName ?? "") is not { } format)
        {
            return WorkResult.Fail("Upload", "The file must be a CSV file (.csv) or a JSON file (.json).");
        }

        var checkedFile = ResourceFiles.Check(content, format);
        if (checkedFile.Problem is { } problem)
        {
            return new([("Upload", problem)]);
        }

        var now = clock.GetUtcNow();
        var resource = new Resource
        {
            Id = Guid.CreateVersion7(now),
            DatasetId = dataset.Id,
            Position = dataset.Resources.Count,
            Name = Clip(string.IsNullOrWhiteSpace(label) ? Path.GetFileNameWithoutExtension(fileName) : label, 200) is { Length: > 0 } named ? named : "Data",
            Description = description?.Trim() is { Length: <= 2000 } text ? text : "",
            Format = format,
            FileName = Clip(Path.GetFileName(fileName), 200),
            Size = content.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
            Rows = checkedFile.Rows,
            CreatedAt = now,
            ModifiedAt = now,
        };
        // Added explicitly: found only through the collection, a row with its key already set would be taken for an existing one.
        db.Add(resource);
        dataset.Resources.Add(resource);
        db.Add(new ResourceContent { ResourceId = resource.Id, Content = content });
        dataset.ModifiedAt = now;
        if (dataset.State == Dataset.Published)
        {
            await PublishedAsync(dataset, actor, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return WorkResult.Done;
    }

    public async Task<WorkResult> PublishAsync(Dataset dataset, Actor actor, CancellationToken cancellationToken)
    {
        if (dataset.State == Dataset.Published)
        {
            return WorkResult.Done;
        }

        if (dataset.Resources.Count == 0)
        {
            return WorkResult.Fail("Publish", "Add at least one file before publishing.");
        }

        var now = clock.GetUtcNow();
        // Claimed with a conditional update in the transaction that logs it: of two people publishing at once, one
        // publishes and logs; the other finds it done.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.Set<Dataset>().Where(d => d.Id == dataset.Id && d.State == Dataset.Draft)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.State, Dataset.Published).SetProperty(d => d.PublishedAt, now).SetProperty(d => d.ModifiedAt, now), cancellationToken);
        if (claimed == 0)
        {
            return WorkResult.Done;
        }

        dataset.State = Dataset.Published;
        dataset.PublishedAt = now;
        dataset.ModifiedAt = now;
        await PublishedAsync(dataset, actor, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return WorkResult.Done;
    }

    public Task PublishedAsync(Dataset dataset, Actor actor, CancellationToken cancellationToken) =>
        events.PublishAsync(new DatasetPublished(dataset.Id, dataset.Name, dataset.Title, dataset.AgencyId, dataset.LicenseId,
            [.. dataset.Resources.OrderBy(r => r.Position).Select(r => new PublishedFile(r.Name, r.Format, r.Sha256))]), actor, cancellationToken: cancellationToken);

    private static string Clip(string? text, int length) => (text ?? "").Trim() is var t && t.Length > length ? t[..length] : (text ?? "").Trim();

    public static List<string> TagsOf(string? text) =>
        [.. (text ?? "").Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => t.ToLowerInvariant()).Distinct()];

    public static string Slug(string title)
    {
        var slug = SlugSeparators().Replace(title.Normalize(System.Text.NormalizationForm.FormD).ToLowerInvariant(), "-");
        slug = new string([.. slug.Where(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_')]).Trim('-');
        return slug.Length > 100 ? slug[..100].TrimEnd('-') : slug;
    }

    [GeneratedRegex("^[a-z0-9_-]{2,100}$")]
    public static partial Regex NamePattern();

    [GeneratedRegex(@"[\s./]+")]
    private static partial Regex SlugSeparators();
}
