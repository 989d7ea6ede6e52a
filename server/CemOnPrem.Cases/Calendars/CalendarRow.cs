namespace CemOnPrem.Cases.Calendars;

/// <summary>A <c>working_calendars</c> row as Dapper reads it.</summary>
internal sealed record CalendarRow(string Region, string TimeZone, short[] WorkingDays, int WorkStart, int WorkEnd, int Version, DateTime UpdatedAt, string UpdatedBy)
{
    public const string Columns =
        "region, time_zone as TimeZone, working_days as WorkingDays, work_start as WorkStart, work_end as WorkEnd, version, updated_at as UpdatedAt, updated_by as UpdatedBy";

    public WorkingCalendar ToCalendar(IEnumerable<CalendarDay> days) =>
        new(Region, TimeZoneInfo.FindSystemTimeZoneById(TimeZone), WorkingDays.Select(day => (DayOfWeek)(day % 7)),
            TimeSpan.FromMinutes(WorkStart), TimeSpan.FromMinutes(WorkEnd), days, WorkingCalendar.StoredSource, Version,
            new DateTimeOffset(DateTime.SpecifyKind(UpdatedAt, DateTimeKind.Utc)), UpdatedBy);
}
