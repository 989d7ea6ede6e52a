using System.Globalization;

namespace CemOnPrem.Cases.Calendars;

/// <summary>A calendar as the API shows it: where it comes from (stored or default, with a note), its settings and its days.</summary>
public sealed record CalendarView(
    string Region, string Source, string? Note, string TimeZone, IReadOnlyList<string> WorkingDays, WorkingHoursBody WorkingHours,
    int Version, DateTimeOffset? UpdatedAt, string? UpdatedBy, IReadOnlyList<CalendarDay>? Days)
{
    /// <param name="year">Only that year's days; null for all. <paramref name="withDays"/> false leaves the days out (the list of regions).</param>
    public static CalendarView Of(WorkingCalendar calendar, int? year = null, bool withDays = true)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return new CalendarView(
            calendar.Region, calendar.Source, calendar.Note, calendar.TimeZone,
            [.. calendar.WorkingDays.Select(day => day.ToString().ToLowerInvariant())],
            new WorkingHoursBody(Clock(calendar.WorkStart), Clock(calendar.WorkEnd)),
            calendar.Version, calendar.UpdatedAt, calendar.UpdatedBy,
            withDays ? [.. calendar.Days.Where(day => year is null || day.Date.Year == year)] : null);
    }

    private static string Clock(TimeSpan time) =>
        time == TimeSpan.FromDays(1) ? "24:00" : time.ToString(@"hh\:mm", CultureInfo.InvariantCulture);
}
