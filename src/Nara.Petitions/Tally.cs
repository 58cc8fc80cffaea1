using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nara.Identity.Contracts;
using Nara.Petitions.Contracts;
using Nara.Platform.Events;
using Nara.Platform.Localization;
using Nara.Platform.Outbox;
using Nara.Platform.Storage;

namespace Nara.Petitions;

/// <summary>
/// Counts in batches, never per signature: adds newly confirmed signatures to each petition's region counts and
/// total (and takes invalidated ones off), then moves petitions on — to moderation once supporters are in, across
/// the response and debate thresholds, and closed at the end of their time. Several instances may run it: a batch is
/// claimed by a conditional update, so no signature is counted twice.
/// </summary>
internal sealed class TallyWork(NaraDb db, PetitionWork work, EventPublisher events, Outbox outbox, IAgencyDirectory directory, IOptions<PetitionOptions> options, IStringLocalizer<Strings> text, TimeProvider clock)
{
    public const int BatchSize = 5000;

    /// <summary>One pass; returns how many signatures it counted or uncounted.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var counted = await CountAsync(cancellationToken);
        await MoveOnAsync(cancellationToken);
        return counted;
    }

    private async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        var batch = await db.Set<Signature>().AsNoTracking()
            .Where(Signature.Untallied)
            .OrderBy(s => s.Id).Take(BatchSize)
            .Select(s => new { s.Id, s.PetitionId, s.Region, Add = s.State == Signature.Confirmed })
            .ToListAsync(cancellationToken);
        if (batch.Count == 0)
        {
            return 0;
        }

        using var slot = await SqliteWriteGate.EnterAsync(db, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var adds = batch.Where(b => b.Add).Select(b => b.Id).ToList();
        var removes = batch.Where(b => !b.Add).Select(b => b.Id).ToList();
        var claimed = await db.Set<Signature>().Where(s => adds.Contains(s.Id) && !s.Counted && s.State == Signature.Confirmed)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Counted, true), cancellationToken);
        claimed += await db.Set<Signature>().Where(s => removes.Contains(s.Id) && s.Counted && s.State == Signature.Invalidated)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Counted, false), cancellationToken);
        if (claimed != batch.Count)
        {
            // Another instance counted some of these, or they changed meanwhile: leave them for the next pass.
            await transaction.RollbackAsync(cancellationToken);
            return 0;
        }

        foreach (var group in batch.GroupBy(b => (b.PetitionId, b.Region)))
        {
            var delta = group.Sum(b => b.Add ? 1 : -1);
            var (petitionId, region) = group.Key;
            var updated = await db.Set<RegionCount>().Where(c => c.PetitionId == petitionId && c.Region == region)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.Count, c => c.Count + delta), cancellationToken);
            if (updated == 0)
            {
                db.Add(new RegionCount { PetitionId = petitionId, Region = region, Count = delta });
            }
        }

        foreach (var group in batch.GroupBy(b => b.PetitionId))
        {
            var delta = group.Sum(b => b.Add ? 1 : -1);
            await db.Set<Petition>().Where(p => p.Id == group.Key)
                .ExecuteUpdateAsync(u => u.SetProperty(p => p.Signatures, p => p.Signatures + delta), cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return batch.Count;
    }

    private async Task MoveOnAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var due = await db.Set<Petition>()
            .Where(p => (p.State == Petition.GatheringSupport && p.Signatures >= settings.Supporters)
                || (p.State == Petition.Open && p.ResponseThresholdAt == null && p.Signatures >= settings.ResponseThreshold)
                || (p.State == Petition.Open && p.DebateThresholdAt == null && p.Signatures >= settings.DebateThreshold)
                || (p.State == Petition.Open && p.ClosesAt <= now
                    && !db.Set<Signature>().Where(Signature.Untallied).Any(s => s.PetitionId == p.Id)))
            .Take(100).ToListAsync(cancellationToken);
        var ids = due.Select(p => p.Id).ToList();
        // A petition closes with its final count: not while confirmed signatures still wait to be counted.
        var uncounted = (await db.Set<Signature>()
            .Where(Signature.Untallied).Where(s => ids.Contains(s.PetitionId))
            .Select(s => s.PetitionId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        foreach (var petition in due)
        {
            if (petition.State == Petition.GatheringSupport)
            {
                await work.ToModerationAsync(petition, cancellationToken);
                continue;
            }

            if (petition.ResponseThresholdAt is null && petition.Signatures >= settings.ResponseThreshold)
            {
                petition.ResponseThresholdAt = now;
                petition.ResponseDueOn = PetitionWork.Calendar.AddWorkingDays(DateOnly.FromDateTime(now.UtcDateTime), settings.ResponseDays);
                await events.PublishAsync(new PetitionThresholdReached(petition.Id, "response", petition.Signatures, petition.AgencyId, petition.ResponseDueOn), Actor.System, cancellationToken: cancellationToken);
                await TellAgencyAsync(petition, cancellationToken);
            }

            if (petition.DebateThresholdAt is null && petition.Signatures >= settings.DebateThreshold)
            {
                petition.DebateThresholdAt = now;
                await events.PublishAsync(new PetitionThresholdReached(petition.Id, "debate", petition.Signatures, petition.AgencyId, null), Actor.System, cancellationToken: cancellationToken);
            }

            if (petition.ClosesAt <= now && !uncounted.Contains(petition.Id))
            {
                petition.State = Petition.Closed;
                petition.ClosedAt = now;
                await events.PublishAsync(new PetitionClosed(petition.Id, petition.Signatures), Actor.System, cancellationToken: cancellationToken);
            }

            petition.Version = Guid.NewGuid();
        }

        if (due.Count > 0)
        {
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another instance moved these petitions on first; its events stand.
            }

            db.ChangeTracker.Clear();
        }
    }

    /// <summary>The responsible agency's supervisors and officers hear that a response is now owed, and by when.</summary>
    private async Task TellAgencyAsync(Petition petition, CancellationToken cancellationToken)
    {
        if (petition.AgencyId is not { } agency)
        {
            return;
        }

        foreach (var member in (await directory.StaffAsync(agency, cancellationToken)).Where(s => s.Role is StaffRoles.Supervisor or StaffRoles.Officer).DistinctBy(s => s.UserId))
        {
            var person = await directory.PersonAsync(member.UserId, cancellationToken);
            if (person?.Email is null)
            {
                continue;
            }

            using var language = new CultureScope(person.Culture);
            outbox.Queue(Channel.Email, person.Email, text["A petition needs your agency's response: \"{0}\"", petition.Title],
                text["The petition \"{0}\" has {1} signatures. Your agency must publish a response by {2}.", petition.Title, petition.Signatures, petition.ResponseDueOn!.Value.ToString("D", System.Globalization.CultureInfo.CurrentCulture)],
                person.Culture, "petitions.response-due");
        }
    }
}

/// <summary>Runs the tally every few seconds.</summary>
internal sealed partial class TallyService(IServiceScopeFactory scopes, IOptions<PetitionOptions> options, ILogger<TallyService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.TallyInterval);
        do
        {
            try
            {
                int counted;
                do
                {
                    await using var scope = scopes.CreateAsyncScope();
                    counted = await scope.ServiceProvider.GetRequiredService<TallyWork>().RunAsync(stoppingToken);
                }
                while (counted == TallyWork.BatchSize && !stoppingToken.IsCancellationRequested);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The petition tally failed; it will try again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
