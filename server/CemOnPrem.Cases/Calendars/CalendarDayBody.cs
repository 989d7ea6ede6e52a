namespace CemOnPrem.Cases.Calendars;

/// <summary>One dated exception: <c>date</c> yyyy-MM-dd, <c>kind</c> holiday or working-day, an optional name.</summary>
public sealed record CalendarDayBody(string? Date, string? Kind, string? Name);
