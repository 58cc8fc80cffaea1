using Microsoft.EntityFrameworkCore;
using Nara.Blueprints;
using Nara.Platform.Storage;

namespace Nara.Cases;

/// <summary>Due dates in working days, honouring the holidays administrators keep.</summary>
internal sealed class Deadlines(NaraDb db, TimeProvider clock)
{
    public async Task<WorkingCalendar> CalendarAsync(CancellationToken cancellationToken)
    {
        var holidays = await db.Set<Holiday>().AsNoTracking().Select(h => h.Date).ToListAsync(cancellationToken);
        return new WorkingCalendar(holidays.ToHashSet());
    }

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
