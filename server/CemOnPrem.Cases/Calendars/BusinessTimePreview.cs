namespace CemOnPrem.Cases.Calendars;

/// <summary>The answer of <c>GET /api/v1/calendars/{region}/business-time</c>: when something started at <c>from</c> with <c>add</c> to go is due.</summary>
public sealed record BusinessTimePreview(DateTimeOffset From, string Add, DateTimeOffset Due, string TimeZone, string Source, string? Note);
