namespace CemOnPrem.Cases.Calendars;

/// <summary>A calendar as written by an operator (PUT) or the demo: everything but its version and audit columns. Validated before it gets here.</summary>
public sealed record CalendarDraft(string TimeZone, IReadOnlyList<DayOfWeek> WorkingDays, TimeSpan WorkStart, TimeSpan WorkEnd, IReadOnlyList<CalendarDay> Days)
{
    /// <summary>The settings of the default calendar (Monday–Friday, 09:00–17:00 UTC) with these days: what an import into a region without a calendar starts from.</summary>
    public static CalendarDraft DefaultWith(IReadOnlyList<CalendarDay> days)
    {
        var fallback = WorkingCalendar.Default("");
        return new CalendarDraft(fallback.TimeZone, fallback.WorkingDays, fallback.WorkStart, fallback.WorkEnd, days);
    }
}
