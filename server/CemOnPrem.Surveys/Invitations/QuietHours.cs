using CemOnPrem.Cases.Calendars;

namespace CemOnPrem.Surveys.Invitations;

/// <summary>
/// When an invitation due at an instant may go out: at once outside quiet hours, else at the quiet period's end on
/// the region's wall clock. The end is turned back into an instant with the zone's rules for that date
/// (<see cref="ZoneTimes.ToInstant"/>), so on a daylight-saving day the wait is an hour shorter or longer.
/// </summary>
public static class QuietHours
{
    public static DateTimeOffset SendAfter(DateTimeOffset due, TimeZoneInfo zone, QuietHoursOptions quiet)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(quiet);
        if (!quiet.IsEnabled)
        {
            return due;
        }

        var local = ZoneTimes.ToLocal(due, zone);
        var time = TimeOnly.FromDateTime(local);
        var wraps = quiet.Start > quiet.End; // e.g. 21:00-08:00 crosses midnight
        var inQuiet = wraps ? time >= quiet.Start || time < quiet.End : time >= quiet.Start && time < quiet.End;
        if (!inQuiet)
        {
            return due;
        }

        // Before midnight in a wrapping period the end is tomorrow's; otherwise today's.
        var endDate = wraps && time >= quiet.Start ? local.Date.AddDays(1) : local.Date;
        return ZoneTimes.ToInstant(endDate + quiet.End.ToTimeSpan(), zone).ToUniversalTime();
    }
}
