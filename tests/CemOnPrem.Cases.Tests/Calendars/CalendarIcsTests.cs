using CemOnPrem.Cases.Calendars;
using CemOnPrem.Cases.Calendars.Files;

namespace CemOnPrem.Cases.Tests.Calendars;

public sealed class CalendarIcsTests
{
    private static string Ics(params string[] lines) =>
        string.Join("\r\n", ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", .. lines, "END:VCALENDAR", ""]);

    // A folded line continues after its first space (RFC 5545 3.1): "  working" adds " working".
    [Fact]
    public void All_day_events_become_holidays_and_tagged_ones_working_days()
    {
        var file = CalendarIcs.Read(Ics(
            "BEGIN:VEVENT", "UID:1", "DTSTART;VALUE=DATE:20261001", "DTEND;VALUE=DATE:20261004", "SUMMARY:National Day", "END:VEVENT",
            "BEGIN:VEVENT", "UID:2", "DTSTART;VALUE=DATE:20261010", "SUMMARY:Adjusted working day", "CATEGORIES:HOLIDAY,WORKING-DAY", "END:VEVENT",
            "BEGIN:VEVENT", "UID:3", "DTSTART;VALUE=DATE:20260920", "SUMMARY:Adjusted", "  working Sunday", "X-CEM-KIND:working-day", "END:VEVENT"));

        Assert.True(file.IsValid, string.Join("; ", file.Errors.Select(e => e.Key + " " + e.Value[0])));
        Assert.Equal(
        [
            new CalendarDay(new DateOnly(2026, 10, 1), CalendarDayKinds.Holiday, "National Day"),
            new CalendarDay(new DateOnly(2026, 10, 2), CalendarDayKinds.Holiday, "National Day"),
            new CalendarDay(new DateOnly(2026, 10, 3), CalendarDayKinds.Holiday, "National Day"),
            new CalendarDay(new DateOnly(2026, 10, 10), CalendarDayKinds.WorkingDay, "Adjusted working day"),
            new CalendarDay(new DateOnly(2026, 9, 20), CalendarDayKinds.WorkingDay, "Adjusted working Sunday"),
        ], file.Days);
    }

    [Fact]
    public void A_timed_event_is_refused_with_its_line()
    {
        var file = CalendarIcs.Read(Ics("BEGIN:VEVENT", "DTSTART;TZID=Europe/Berlin:20261003T000000", "SUMMARY:x", "END:VEVENT"));

        Assert.Equal(["DTSTART: '20261003T000000' is not an all-day date; use DTSTART;VALUE=DATE:yyyyMMdd."], file.Errors["line 5"]);
    }

    [Fact]
    public void Recurring_events_an_unknown_kind_and_an_unclosed_event_are_refused()
    {
        var file = CalendarIcs.Read(Ics(
            "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20261225", "RRULE:FREQ=YEARLY", "END:VEVENT",
            "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20261226", "X-CEM-KIND:bridge", "END:VEVENT",
            "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20261231"));

        Assert.StartsWith("RRULE: recurring events are not supported", file.Errors["line 6"][0], StringComparison.Ordinal);
        Assert.StartsWith("X-CEM-KIND: 'bridge' is not a kind", file.Errors["line 10"][0], StringComparison.Ordinal);
        Assert.StartsWith("END:", file.Errors["line 12"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_iCalendar_is_refused_and_cancelled_events_are_skipped()
    {
        Assert.True(CalendarIcs.Read("date,kind,name\n").Errors.ContainsKey("line 1"));
        var file = CalendarIcs.Read(Ics("BEGIN:VEVENT", "DTSTART;VALUE=DATE:20261225", "STATUS:CANCELLED", "END:VEVENT"));
        Assert.True(file.IsValid);
        Assert.Empty(file.Days);
    }
}
