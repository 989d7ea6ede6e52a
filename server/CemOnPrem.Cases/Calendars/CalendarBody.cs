namespace CemOnPrem.Cases.Calendars;

/// <summary>
/// <c>PUT /api/v1/calendars/{region}</c>: the whole calendar. Strings throughout, so a bad value is a 400 naming the
/// field rather than a binding failure. Working days default to Monday–Friday, hours to 09:00–17:00.
/// </summary>
public sealed record CalendarBody(string? TimeZone, IReadOnlyList<string?>? WorkingDays, WorkingHoursBody? WorkingHours, IReadOnlyList<CalendarDayBody?>? Days);
