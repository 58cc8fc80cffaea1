using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Nara.Blueprints;
using Nara.Platform.Storage;

namespace Nara.Cases;

/// <summary>Due dates in working days, honouring the holidays administrators keep.</summary>
internal sealed class Deadlines(NaraDb db, IMemoryCache cache, TimeProvider clock)
{
    private const string CacheKey = "nara:holidays";

    /// <summary>The calendar, kept in memory for a minute: every submission and action asks for it.</summary>
    public async Task<WorkingCalendar> CalendarAsync(CancellationToken cancellationToken) =>
        await cache.GetOrCreateAsync(CacheKey, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            var holidays = await db.Set<Holiday>().AsNoTracking().Select(h => h.Date).ToListAsync(cancellationToken);
            return new WorkingCalendar(holidays.ToHashSet());
        }) ?? new WorkingCalendar(new HashSet<DateOnly>());

    public static void Forget(IMemoryCache cache) => cache.Remove(CacheKey);

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>Sets the state's due date on entering it: the state's deadline, or none; the clock stops while the applicant is asked.</summary>
    public static void EnterState(Case @case, Blueprint blueprint, string state, WorkingCalendar calendar, DateTimeOffset now)
    {
        var spec = blueprint.FindState(state);
        @case.State = state;
        @case.StateEnteredAt = now;
        @case.EscalatedAt = null;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        @case.StateDueOn = spec is { DeadlineDays: { } days, Terminal: false, WaitingForApplicant: false } ? calendar.AddWorkingDays(today, days) : null;
        if (spec?.Terminal == true)
        {
            @case.ClosedAt = now;
        }
    }
}
