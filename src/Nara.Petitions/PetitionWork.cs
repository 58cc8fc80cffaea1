using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Nara.Blueprints;
using Nara.Identity.Contracts;
using Nara.Petitions.Contracts;
using Nara.Platform.Events;
using Nara.Platform.Localization;
using Nara.Platform.Outbox;
using Nara.Platform.Secrets;
using Nara.Platform.Storage;

namespace Nara.Petitions;

/// <summary>A refusal is a reason (a text key), never an exception; null means done.</summary>
internal sealed record PetitionResult(long? Id, IReadOnlyDictionary<string, string> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    public static PetitionResult Done(long id) => new(id, new Dictionary<string, string>());

    public static PetitionResult Refused(string field, string reason) => new(null, new Dictionary<string, string> { [field] = reason });
}

/// <summary>Every change to a petition's life: create, support, moderate, respond, close. Pages and API call these.</summary>
internal sealed class PetitionWork(
    NaraDb db,
    EventPublisher events,
    Outbox outbox,
    PersonalHasher hasher,
    IAgencyDirectory directory,
    IOptions<PetitionOptions> options,
    IStringLocalizer<Strings> text,
    IMemoryCache cache,
    TimeProvider clock)
{
    public const int TitleLimit = 80;
    public const int ActionLimit = 1000;
    public const int BackgroundLimit = 3000;

    private PetitionOptions Options => options.Value;

    public Task<Petition?> FindAsync(long id, CancellationToken cancellationToken) =>
        db.Set<Petition>().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);

    /// <summary>
    /// The petition as signing needs it (state and title), read at most once a second per instance: in a surge every
    /// signature would otherwise read the same row. A change of state shows within a second; confirmation checks it again.
    /// </summary>
    public async Task<Petition?> FindForSigningAsync(long id, CancellationToken cancellationToken) =>
        await cache.GetOrCreateAsync(("petition-signing", id), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(1);
            return await db.Set<Petition>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        });

    /// <summary>The private link's key for a petition: derived with the site secret, so it is never stored and can be shown again.</summary>
    public string SupportKey(long id) => hasher.Hash("petition-support", id.ToString(System.Globalization.CultureInfo.InvariantCulture))[..24];

    public bool IsSupportKey(Petition petition, string? key) =>
        key is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(SupportKey(petition.Id)), Encoding.UTF8.GetBytes(key));

    /// <summary>Published petitions whose titles share words with <paramref name="title"/>: shown before someone creates a duplicate.</summary>
    public async Task<IReadOnlyList<Petition>> SimilarAsync(string? title, CancellationToken cancellationToken)
    {
        var words = Words(title);
        if (words.Count == 0)
        {
            return [];
        }

        var candidates = await db.Set<Petition>().AsNoTracking()
            .Where(p => (p.State == Petition.Open || p.State == Petition.Closed) && !p.Hidden)
#pragma warning disable CA1304, CA1311, CA1862 // Translated to SQL lower() by EF Core, not run in .NET.
            .Where(p => words.Any(w => p.Title.ToLower().Contains(w)))
#pragma warning restore CA1304, CA1311, CA1862
            .Take(200).ToListAsync(cancellationToken);
        return [.. candidates.Select(p => (Petition: p, Shared: Words(p.Title).Intersect(words).Count()))
            .Where(c => c.Shared * 2 >= Math.Min(words.Count, 4)).OrderByDescending(c => c.Shared).ThenByDescending(c => c.Petition.Signatures)
            .Take(5).Select(c => c.Petition)];
    }

    public static Dictionary<string, string> Check(string? title, string? action, string? background)
    {
        var errors = new Dictionary<string, string>();
        Require(errors, "title", title, TitleLimit);
        Require(errors, "action", action, ActionLimit);
        Require(errors, "background", background, BackgroundLimit);
        return errors;
    }

    public async Task<PetitionResult> CreateAsync(Guid creatorId, string creatorName, string? title, string? action, string? background, CancellationToken cancellationToken)
    {
        var errors = Check(title, action, background);
        if (errors.Count > 0)
        {
            return new PetitionResult(null, errors);
        }

        var petition = new Petition
        {
            Title = title!.Trim(),
            Action = action!.Trim(),
            Background = background!.Trim(),
            CreatorId = creatorId,
            CreatorName = creatorName,
            State = Petition.GatheringSupport,
            CreatedAt = clock.GetUtcNow(),
            Version = Guid.NewGuid(),
        };
        db.Add(petition);
        await db.SaveChangesAsync(cancellationToken);
        return PetitionResult.Done(petition.Id);
    }

    /// <summary>Enough supporters have signed: the petition waits for a moderator, who has a deadline.</summary>
    public async Task ToModerationAsync(Petition petition, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        petition.State = Petition.AwaitingModeration;
        petition.SubmittedForModerationAt = now;
        petition.ModerationDueOn = Calendar.AddWorkingDays(DateOnly.FromDateTime(now.UtcDateTime), Options.ModerationDays);
        petition.Version = Guid.NewGuid();
        await events.PublishAsync(new PetitionSubmittedForModeration(petition.Id), Actor.System, cancellationToken: cancellationToken);
        await TellCreatorAsync(petition, "petitions.to-moderation",
            () => (text["Your petition is waiting for moderation"], text["Your petition \"{0}\" has its supporters. A moderator will check it by {1}.", petition.Title, petition.ModerationDueOn!.Value.ToString("D", System.Globalization.CultureInfo.CurrentCulture)]), cancellationToken);
    }

    public async Task<PetitionResult> PublishAsync(Petition petition, Guid? agencyId, Actor moderator, CancellationToken cancellationToken)
    {
        if (petition.State != Petition.AwaitingModeration)
        {
            return PetitionResult.Refused("", "This petition is not waiting for moderation.");
        }

        var agencies = await directory.AgenciesAsync(cancellationToken);
        if (agencyId is null || agencies.All(a => a.Id != agencyId))
        {
            return PetitionResult.Refused("agency", "Choose the agency that will respond.");
        }

        var now = clock.GetUtcNow();
        petition.State = Petition.Open;
        petition.AgencyId = agencyId;
        petition.ModeratedAt = now;
        petition.OpenedAt = now;
        petition.ClosesAt = now.AddMonths(Options.OpenMonths);
        petition.Version = Guid.NewGuid();
        await events.PublishAsync(new PetitionPublished(petition.Id, petition.Title, agencyId.Value, petition.ClosesAt.Value), moderator, cancellationToken: cancellationToken);
        await TellCreatorAsync(petition, "petitions.published",
            () => (text["Your petition is open for signatures"], text["Your petition \"{0}\" is published and open for signatures until {1}.", petition.Title, petition.ClosesAt.Value.ToString("D", System.Globalization.CultureInfo.CurrentCulture)]), cancellationToken);
        return await SaveAsync(petition, cancellationToken);
    }

    public async Task<PetitionResult> RejectAsync(Petition petition, string? reason, string? details, Actor moderator, CancellationToken cancellationToken)
    {
        if (petition.State != Petition.AwaitingModeration)
        {
            return PetitionResult.Refused("", "This petition is not waiting for moderation.");
        }

        if (reason is null || !Options.RejectionReasons.Contains(reason))
        {
            return PetitionResult.Refused("reason", "Choose a reason for rejecting it.");
        }

        if (details?.Length > 2000)
        {
            return PetitionResult.Refused("details", "Use 2,000 characters or fewer.");
        }

        petition.State = Petition.Rejected;
        petition.RejectionReason = reason;
        petition.RejectionDetails = string.IsNullOrWhiteSpace(details) ? null : details.Trim();
        petition.Hidden = Options.HiddenReasons.Contains(reason);
        petition.ModeratedAt = clock.GetUtcNow();
        petition.Version = Guid.NewGuid();
        await events.PublishAsync(new PetitionRejected(petition.Id, reason, petition.Hidden), moderator, cancellationToken: cancellationToken);
        await TellCreatorAsync(petition, "petitions.rejected",
            () => (text["Your petition was not published"], text["Your petition \"{0}\" was not published. Reason: {1}.", petition.Title, text["Reason." + reason]]), cancellationToken);
        return await SaveAsync(petition, cancellationToken);
    }

    /// <summary>The agency's response: published on the petition and emailed to every confirmed signer who asked.</summary>
    public async Task<PetitionResult> RespondAsync(Petition petition, string? response, Actor responder, IReadOnlyList<Recipient> recipients, CancellationToken cancellationToken)
    {
        if (petition.State is not (Petition.Open or Petition.Closed) || petition.ResponseThresholdAt is null)
        {
            return PetitionResult.Refused("", "This petition does not need a response yet.");
        }

        if (petition.Response is not null)
        {
            return PetitionResult.Refused("", "This petition already has a response.");
        }

        if (string.IsNullOrWhiteSpace(response) || response.Trim().Length < 20)
        {
            return PetitionResult.Refused("response", "Write the government's response (at least 20 characters).");
        }

        if (response.Length > 10000)
        {
            return PetitionResult.Refused("response", "Use 10,000 characters or fewer.");
        }

        var now = clock.GetUtcNow();
        petition.Response = response.Trim();
        petition.RespondedAt = now;
        petition.Version = Guid.NewGuid();
        var onTime = petition.ResponseDueOn is not { } due || DateOnly.FromDateTime(now.UtcDateTime) <= due;
        await events.PublishAsync(new PetitionResponded(petition.Id, petition.AgencyId, onTime, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(petition.Response)))), responder, cancellationToken: cancellationToken);
        foreach (var (address, culture, channel) in recipients)
        {
            using var language = new CultureScope(culture);
            if (channel == Channel.Sms)
            {
                // An SMS cannot carry the response: it says where to read it.
                outbox.Queue(Channel.Sms, address, "", text["The government has responded to petition {0}, which you signed. Read the response on the petition's page.", petition.Id], culture, "petitions.response");
                continue;
            }

            outbox.Queue(Channel.Email, address, text["The government has responded to \"{0}\"", petition.Title],
                text["The government has responded to the petition \"{0}\", which you signed:", petition.Title] + "\n\n" + petition.Response, culture, "petitions.response");
        }

        return await SaveAsync(petition, cancellationToken);
    }

    public static WorkingCalendar Calendar { get; } = new(new HashSet<DateOnly>());

    private async Task TellCreatorAsync(Petition petition, string template, Func<(string Subject, string Body)> compose, CancellationToken cancellationToken)
    {
        var person = await directory.PersonAsync(petition.CreatorId, cancellationToken);
        if (person?.Email is null && person?.Phone is null)
        {
            return;
        }

        using var language = new CultureScope(person.Culture);
        var (subject, body) = compose();
        outbox.Queue(person.Email is null ? Channel.Sms : Channel.Email, person.Email ?? person.Phone!, subject, body, person.Culture, template);
    }

    private async Task<PetitionResult> SaveAsync(Petition petition, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return PetitionResult.Done(petition.Id);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return PetitionResult.Refused("", "Someone else changed this petition meanwhile. Look at it again.");
        }
    }

    private static void Require(Dictionary<string, string> errors, string field, string? value, int limit)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = "Enter this.";
        }
        else if (value.Trim().Length > limit)
        {
            errors[field] = field == "title" ? "Use 80 characters or fewer." : field == "action" ? "Use 1,000 characters or fewer." : "Use 3,000 characters or fewer.";
        }
    }

    private static HashSet<string> Words(string? title) =>
        [.. (title ?? "").ToLowerInvariant().Split([' ', ',', '.', ';', ':', '!', '?', '"', '\'', '(', ')', '-'], StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length > 3)];
}
