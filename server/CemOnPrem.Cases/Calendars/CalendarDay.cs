namespace CemOnPrem.Cases.Calendars;

/// <summary>One dated exception to the weekly pattern: <see cref="CalendarDayKinds.Holiday"/> or <see cref="CalendarDayKinds.WorkingDay"/>.</summary>
public sealed record CalendarDay(DateOnly Date, string Kind, string Name);
