namespace Nara.Blueprints;

/// <summary>Working-day arithmetic for deadlines: weekends and a jurisdiction's public holidays do not count.</summary>
public sealed class WorkingCalendar(IReadOnlySet<DateOnly> holidays, IReadOnlySet<DayOfWeek> weekend)
{
    public static readonly IReadOnlySet<DayOfWeek> SaturdaySunday = new HashSet<DayOfWeek> { DayOfWeek.Saturday, DayOfWeek.Sunday };

    public WorkingCalendar(IReadOnlySet<DateOnly> holidays)
        : this(holidays, SaturdaySunday)
    {
    }

    public bool IsWorkingDay(DateOnly day) => !weekend.Contains(day.DayOfWeek) && !holidays.Contains(day);

    /// <summary>The day by the end of which something started on <paramref name="start"/> is due, counting <paramref name="days"/> working days after it.</summary>
    public DateOnly AddWorkingDays(DateOnly start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        if (weekend.Count >= 7)
        {
            throw new InvalidOperationException("A calendar needs at least one working day in the week.");
        }

        var day = start;
        while (days > 0)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                days--;
            }
        }

        return day;
    }

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/>; negative when to is earlier.</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return -WorkingDaysBetween(to, from);
        }

        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
            {
                count++;
            }
        }

        return count;
    }
}
