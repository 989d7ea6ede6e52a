namespace CemOnPrem.Cases.Calendars;

/// <summary>
/// Business days on a working calendar. The working days' local dates are laid end to end; each counts one business
/// day (its wall-clock time of day is the fraction), other days count nothing. So +n keeps the local time of day on
/// the n-th working day after the start; a start on a day off counts from the next working day's 00:00; a fraction
/// is that share of 24 wall-clock hours (+1.5 from Monday 10:00 is Tuesday 22:00).
/// </summary>
internal static class BusinessDays
{
    public static DateTimeOffset Add(WorkingCalendar calendar, DateTimeOffset from, double days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        if (days == 0)
        {
            return from;
        }

        var (date, ticks) = Position(calendar, from);
        var total = ticks + (long)Math.Round(days * TimeSpan.TicksPerDay);
        for (var whole = total / TimeSpan.TicksPerDay; whole > 0; whole--)
        {
            date = calendar.NextWorkingDay(date);
        }

        return ZoneTimes.ToInstant(date.ToDateTime(TimeOnly.MinValue).AddTicks(total % TimeSpan.TicksPerDay), calendar.Zone);
    }

    /// <summary>Business days from <paramref name="from"/> to <paramref name="to"/>; negative when <paramref name="to"/> is earlier.</summary>
    public static double Between(WorkingCalendar calendar, DateTimeOffset from, DateTimeOffset to)
    {
        var (fromDate, fromTicks) = Position(calendar, from);
        var (toDate, toTicks) = Position(calendar, to);
        return calendar.WorkingDaysBetween(fromDate, toDate) + (double)(toTicks - fromTicks) / TimeSpan.TicksPerDay;
    }

    /// <summary>Where an instant lies on the timeline: a working day and the local time of day on it (00:00 of the next working day for a day off).</summary>
    private static (DateOnly Date, long Ticks) Position(WorkingCalendar calendar, DateTimeOffset instant)
    {
        var local = ZoneTimes.ToLocal(instant, calendar.Zone);
        var date = DateOnly.FromDateTime(local);
        return calendar.IsWorkingDay(date) ? (date, local.TimeOfDay.Ticks) : (calendar.NextWorkingDay(date), 0);
    }
}
