namespace CemOnPrem.Contracts.Text;

/// <summary>
/// The range every date or time a caller sends as a query parameter must lie in (docs/security.md, "Input rules").
/// Dates near 0001-01-01 or 9999-12-31 overflow as soon as a day is added or a week start is computed; no customer
/// experience data is that old or that far ahead, so one sane range keeps every computation on them safe.
/// </summary>
public static class InputDates
{
    /// <summary>The earliest date accepted (inclusive).</summary>
    public static readonly DateOnly Earliest = new(1900, 1, 1);

    /// <summary>The latest date accepted (inclusive).</summary>
    public static readonly DateOnly Latest = new(2200, 1, 1);

    /// <summary>The error sentence, for problem details.</summary>
    public const string Rule = "must lie between 1900-01-01 and 2200-01-01.";

    /// <returns>Whether <paramref name="date"/> lies in the range.</returns>
    public static bool Contains(DateOnly date) => date >= Earliest && date <= Latest;

    /// <returns>Whether <paramref name="time"/> lies in the range (its UTC date; 2200-01-01 up to its end).</returns>
    public static bool Contains(DateTimeOffset time) => Contains(DateOnly.FromDateTime(time.UtcDateTime));
}
