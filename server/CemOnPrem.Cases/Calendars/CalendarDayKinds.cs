namespace CemOnPrem.Cases.Calendars;

/// <summary>The kinds of a dated calendar exception, as stored and as the API and the import files spell them.</summary>
public static class CalendarDayKinds
{
    /// <summary>A day off that would otherwise be a working day (a public holiday, a bridge day).</summary>
    public const string Holiday = "holiday";

    /// <summary>A day worked that would otherwise be off (e.g. China's adjusted working Saturdays, 调休).</summary>
    public const string WorkingDay = "working-day";

    public static bool IsValid(string? kind) => kind is Holiday or WorkingDay;
}
