using CemOnPrem.Sdk.Journeys;

namespace CemOnPrem.Cases.Calendars;

/// <summary>
/// Time in a clock's unit on a working calendar (docs/cases.md, "Working calendars and business time"): business days
/// and hours follow the calendar; calendar hours and days are plain durations (a day is 24 hours, also across a
/// daylight-saving change).
/// </summary>
public static class BusinessTime
{
    /// <summary>The instant <paramref name="amount"/> units (≥ 0, may be fractional) after <paramref name="from"/>.</summary>
    public static DateTimeOffset Add(WorkingCalendar calendar, DateTimeOffset from, SlaUnit unit, double amount)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (!double.IsFinite(amount) || amount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "Business time to add must be a finite amount ≥ 0.");
        }

        return unit switch
        {
            SlaUnit.Hours => from.AddTicks((long)Math.Round(amount * TimeSpan.TicksPerHour)),
            SlaUnit.Days => from.AddTicks((long)Math.Round(amount * TimeSpan.TicksPerDay)),
            SlaUnit.BusinessDays => BusinessDays.Add(calendar, from, amount),
            SlaUnit.BusinessHours => BusinessHours.Add(calendar, from, amount),
            _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "unknown SLA unit"),
        };
    }

    /// <summary>Time from <paramref name="from"/> to <paramref name="to"/> in <paramref name="unit"/>; negative when <paramref name="to"/> is earlier.</summary>
    public static double Between(WorkingCalendar calendar, DateTimeOffset from, DateTimeOffset to, SlaUnit unit)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return unit switch
        {
            SlaUnit.Hours => (to - from).TotalHours,
            SlaUnit.Days => (to - from).TotalDays,
            SlaUnit.BusinessDays => BusinessDays.Between(calendar, from, to),
            SlaUnit.BusinessHours => BusinessHours.Between(calendar, from, to),
            _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "unknown SLA unit"),
        };
    }
}
