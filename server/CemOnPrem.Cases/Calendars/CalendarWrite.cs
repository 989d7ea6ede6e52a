namespace CemOnPrem.Cases.Calendars;

/// <summary>
/// The outcome of a conditional calendar write: the calendar as written, or null when the stored version was not the
/// one the caller read (<see cref="CurrentVersion"/> says which it is).
/// </summary>
public sealed record CalendarWrite(WorkingCalendar? Calendar, int CurrentVersion);
