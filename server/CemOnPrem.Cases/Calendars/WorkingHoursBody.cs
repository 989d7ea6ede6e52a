namespace CemOnPrem.Cases.Calendars;

/// <summary>Working hours as local <c>HH:mm</c>; <c>end</c> may be <c>24:00</c>.</summary>
public sealed record WorkingHoursBody(string? Start, string? End);
