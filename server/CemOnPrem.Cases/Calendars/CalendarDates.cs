namespace CemOnPrem.Cases.Calendars;

/// <summary>
/// The dates a calendar holds and the preview starts from: 1900-01-01 up to (not including) 2200-01-01, as every date
/// parameter of the server. Beyond, a date is a typing error, and instant arithmetic near the ends of DateTime overflows.
/// </summary>
internal static class CalendarDates
{
    public static readonly DateOnly First = new(1900, 1, 1);
    public static readonly DateOnly End = new(2200, 1, 1);

    public const string Rule = "must lie between 1900-01-01 and 2199-12-31";

    public static bool Contains(DateOnly date) => date >= First && date < End;

    public static bool Contains(DateTimeOffset instant) => Contains(DateOnly.FromDateTime(instant.UtcDateTime));
}
