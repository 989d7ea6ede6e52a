using System.Globalization;

namespace CemOnPrem.Cases.Calendars;

/// <summary>A <c>working_calendars</c> row as Dapper reads it (the weekdays as "1,2,3": Dapper maps a record by field types, and an array column reports System.Array).</summary>
internal sealed record CalendarRow(string Region, string TimeZone, string WorkingDays, int WorkStart, int WorkEnd, int Version, DateTime UpdatedAt, string UpdatedBy)
{
    public const string Columns =
        "region, time_zone as TimeZone, array_to_string(working_days, ',') as WorkingDays, work_start as WorkStart, work_end as WorkEnd, version, updated_at as UpdatedAt, updated_by as UpdatedBy";

    public WorkingCalendar ToCalendar(IEnumerable<CalendarDay> days) =>
        new(Region, TimeZoneInfo.FindSystemTimeZoneById(TimeZone), WorkingDays.Split(',').Select(day => (DayOfWeek)(int.Parse(day, CultureInfo.InvariantCulture) % 7)),
            TimeSpan.FromMinutes(WorkStart), TimeSpan.FromMinutes(WorkEnd), days, WorkingCalendar.StoredSource, Version,
            new DateTimeOffset(DateTime.SpecifyKind(UpdatedAt, DateTimeKind.Utc)), UpdatedBy);
}
