namespace CemOnPrem.Cases.Calendars;

/// <summary><c>GET /api/v1/calendars</c>: one entry per configured region, without days.</summary>
public sealed record CalendarList(IReadOnlyList<CalendarView> Items);
