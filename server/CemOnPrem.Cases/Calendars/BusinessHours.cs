namespace CemOnPrem.Cases.Calendars;

/// <summary>
/// Business hours on a working calendar: only time inside the working hours of working days counts, on the local
/// wall clock. A start before the working hours counts from their start, one after them from the next working day's
/// start; a due that lands exactly on the end of the working hours stays there (Monday 09:00 + 8 h = Monday 17:00).
/// </summary>
internal static class BusinessHours
{
    public static DateTimeOffset Add(WorkingCalendar calendar, DateTimeOffset from, double hours)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(hours);
        if (hours == 0)
        {
            return from;
        }

        var length = calendar.WorkingDayLength.Ticks;
        var (date, offset) = Position(calendar, from);
        var total = offset + (long)Math.Round(hours * TimeSpan.TicksPerHour);
        while (total > length)
        {
            total -= length;
            date = calendar.NextWorkingDay(date);
        }

        return ZoneTimes.ToInstant(date.ToDateTime(TimeOnly.MinValue).Add(calendar.WorkStart).AddTicks(total), calendar.Zone);
    }

    /// <summary>Business hours from <paramref name="from"/> to <paramref name="to"/>; negative when <paramref name="to"/> is earlier.</summary>
    public static double Between(WorkingCalendar calendar, DateTimeOffset from, DateTimeOffset to)
    {
        var (fromDate, fromOffset) = Position(calendar, from);
        var (toDate, toOffset) = Position(calendar, to);
        var ticks = (calendar.WorkingDaysBetween(fromDate, toDate) * calendar.WorkingDayLength.Ticks) + toOffset - fromOffset;
        return (double)ticks / TimeSpan.TicksPerHour;
    }

    /// <summary>A working day and the working time already past on it (0 before the hours, all of them after).</summary>
    private static (DateOnly Date, long Offset) Position(WorkingCalendar calendar, DateTimeOffset instant)
    {
        var local = ZoneTimes.ToLocal(instant, calendar.Zone);
        var date = DateOnly.FromDateTime(local);
        if (!calendar.IsWorkingDay(date))
        {
            return (calendar.NextWorkingDay(date), 0);
        }

        var offset = Math.Clamp(local.TimeOfDay.Ticks - calendar.WorkStart.Ticks, 0, calendar.WorkingDayLength.Ticks);
        return (date, offset);
    }
}
