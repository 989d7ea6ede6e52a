using System.Globalization;

namespace CemOnPrem.Cases.Calendars.Files;

/// <summary>
/// Reads an iCalendar file (RFC 5545) of all-day events: each <c>VEVENT</c> with <c>DTSTART;VALUE=DATE:20261001</c>
/// and an optional exclusive <c>DTEND</c> gives one day per date, named by its <c>SUMMARY</c>. Events are holidays
/// unless they carry <c>X-CEM-KIND:working-day</c> or <c>CATEGORIES:WORKING-DAY</c> (moved working days).
/// Recurring (<c>RRULE</c>) and timed events are refused, cancelled ones skipped. Errors name the line.
/// </summary>
public static class CalendarIcs
{
    private const int MaxEventDays = 366;

    public static CalendarFileResult Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var collector = new CalendarDayCollector();
        var lines = IcsLines.Unfold(text.TrimStart('\uFEFF'));
        if (lines.Count == 0 || !lines[0].Is("BEGIN", "VCALENDAR"))
        {
            collector.Error(lines.Count == 0 ? 0 : lines[0].Number, "BEGIN", "an iCalendar file starts with BEGIN:VCALENDAR.");
            return collector.Result();
        }

        IcsEvent? current = null;
        foreach (var line in lines)
        {
            if (collector.Full)
            {
                break;
            }

            if (line.Is("BEGIN", "VEVENT"))
            {
                current = new IcsEvent(line.Number);
            }
            else if (line.Is("END", "VEVENT") && current is not null)
            {
                Finish(current, collector);
                current = null;
            }
            else if (current is not null)
            {
                current.Take(line, collector);
            }
        }

        if (current is not null)
        {
            collector.Error(current.Line, "END", "the VEVENT begun here has no END:VEVENT.");
        }

        return collector.Result();
    }

    private static void Finish(IcsEvent e, CalendarDayCollector collector)
    {
        if (e.Failed || e.Cancelled)
        {
            return;
        }

        if (e.Start is not { } start)
        {
            collector.Error(e.Line, "DTSTART", "the event has no DTSTART;VALUE=DATE.");
            return;
        }

        if (!CalendarDates.Contains(start))
        {
            collector.Error(e.Line, "DTSTART", $"{start:yyyy-MM-dd} {CalendarDates.Rule}.");
            return;
        }

        var end = e.End ?? start.AddDays(1);
        if (end <= start || end.DayNumber - start.DayNumber > MaxEventDays)
        {
            collector.Error(e.EndLine, "DTEND", $"must be after DTSTART and at most {MaxEventDays} days later (DTEND is exclusive).");
            return;
        }

        for (var day = start; day < end; day = day.AddDays(1))
        {
            collector.Add(e.Line, day, e.Kind, e.Summary);
        }
    }

    /// <summary>An iCalendar DATE value (yyyyMMdd).</summary>
    internal static bool TryDate(string value, out DateOnly date) =>
        DateOnly.TryParseExact(value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
