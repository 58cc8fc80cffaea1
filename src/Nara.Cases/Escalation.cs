using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Nara.Cases.Catalogue;
using Nara.Cases.Contracts;
using Nara.Identity.Contracts;
using Nara.Platform.Events;
using Nara.Platform.Localization;
using Nara.Platform.Outbox;
using Nara.Platform.Storage;

namespace Nara.Cases;

/// <summary>
/// Cases left in a state past its deadline are escalated to the blueprint's target (supervisor or director): marked,
/// noted on the timeline, published as an event and mailed to the people who can take over. Each case is claimed
/// with a conditional update, so several instances never escalate one case twice.
/// </summary>
internal sealed class EscalationWork(NaraDb db, BlueprintCatalog catalog, EventPublisher events, Outbox outbox, IAgencyDirectory directory, Deadlines deadlines, IStringLocalizer<Strings> text, TimeProvider clock)
{
    public async Task<int> EscalateDueAsync(CancellationToken cancellationToken)
    {
        var today = deadlines.Today;
        var due = await db.Set<Case>().AsNoTracking()
            .Where(c => c.ClosedAt == null && c.EscalatedAt == null && c.StateDueOn < today)
            .OrderBy(c => c.StateDueOn).Take(500).ToListAsync(cancellationToken);
        var count = 0;
        foreach (var overdue in due)
        {
            var blueprint = await catalog.FindAsync(db, overdue.BlueprintId, overdue.BlueprintVersion, cancellationToken);
            var target = blueprint?.FindState(overdue.State)?.EscalateTo;
            if (blueprint is null || target is null || overdue.AgencyId is not { } agency)
            {
                continue;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var now = clock.GetUtcNow();
            var claimed = await db.Set<Case>().Where(c => c.Id == overdue.Id && c.EscalatedAt == null && c.State == overdue.State)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.EscalatedAt, now), cancellationToken);
            if (claimed == 0)
            {
                continue;
            }

            db.Set<CaseEntry>().Add(new CaseEntry { CaseId = overdue.Id, At = now, Kind = EntryKind.Escalated, ActorRole = "system", ToState = overdue.State, Internal = true });
            await events.PublishAsync(new CaseEscalated(overdue.Id, overdue.Reference, overdue.State, agency, target), Actor.System, cancellationToken: cancellationToken);
            foreach (var person in (await directory.StaffAsync(agency, cancellationToken)).Where(s => s.Role == target))
            {
                if (await directory.PersonAsync(person.UserId, cancellationToken) is { Email: { } email } info)
                {
                    using var language = new CultureScope(info.Culture);
                    outbox.Queue(Channel.Email, email, text["Case {0} is overdue", overdue.Reference],
                        text["Case {0} ({1}) has been in \"{2}\" past its deadline of {3}. It has been escalated to you: open it in Case work.", overdue.Reference, blueprint.Title, blueprint.FindState(overdue.State)?.Label ?? overdue.State, overdue.StateDueOn?.ToString("D", System.Globalization.CultureInfo.CurrentCulture) ?? ""],
                        info.Culture, "cases.escalated");
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            count++;
        }

        return count;
    }
}

/// <summary>Runs the escalation every few minutes (Cases:EscalationInterval, default 5 minutes).</summary>
internal sealed partial class EscalationService(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<EscalationService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("Cases:EscalationInterval", TimeSpan.FromMinutes(5));
        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var escalated = await scope.ServiceProvider.GetRequiredService<EscalationWork>().EscalateDueAsync(stoppingToken);
                if (escalated > 0)
                {
                    LogEscalated(logger, escalated);
                }
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or TimeoutException)
            {
                LogFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Escalated {Count} overdue cases")]
    private static partial void LogEscalated(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Escalating overdue cases failed; trying again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
