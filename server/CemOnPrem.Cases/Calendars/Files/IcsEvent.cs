using System.Text;

namespace CemOnPrem.Cases.Calendars.Files;

/// <summary>The properties of one VEVENT that a calendar import reads, collected line by line.</summary>
internal sealed class IcsEvent(int line)
{
    public int Line { get; } = line;

    public int EndLine { get; private set; } = line;

    public DateOnly? Start { get; private set; }

    public DateOnly? End { get; private set; }

    public string Summary { get; private set; } = "";

    public string Kind { get; private set; } = CalendarDayKinds.Holiday;

    public bool Cancelled { get; private set; }

    public bool Failed { get; private set; }

    public void Take(IcsLine property, CalendarDayCollector collector)
    {
        switch (property.Name.ToUpperInvariant())
        {
            case "DTSTART":
                Start = Date(property, collector);
                break;
            case "DTEND":
                End = Date(property, collector);
                EndLine = property.Number;
                break;
            case "SUMMARY":
                Summary = Unescape(property.Value).Trim();
                break;
            case "STATUS":
                Cancelled = property.Value.Trim().Equals("CANCELLED", StringComparison.OrdinalIgnoreCase);
                break;
            case "CATEGORIES" when property.Value.Split(',').Any(c => c.Trim().Equals("WORKING-DAY", StringComparison.OrdinalIgnoreCase)):
                Kind = CalendarDayKinds.WorkingDay;
                break;
            case "X-CEM-KIND":
                var kind = property.Value.Trim().ToLowerInvariant();
                if (CalendarDayKinds.IsValid(kind))
                {
                    Kind = kind;
                }
                else
                {
                    Fail(property, collector, $"'{kind}' is not a kind; use {CalendarDayKinds.Holiday} or {CalendarDayKinds.WorkingDay}.");
                }

                break;
            case "RRULE" or "RDATE":
                Fail(property, collector, "recurring events are not supported; list each year's days as their own events.");
                break;
        }
    }

    private DateOnly? Date(IcsLine property, CalendarDayCollector collector)
    {
        var value = property.Value.Trim();
        if (CalendarIcs.TryDate(value, out var date) && (property.HasParameter("VALUE=DATE") || !property.Parameters.Contains("VALUE=", StringComparison.OrdinalIgnoreCase)))
        {
            return date;
        }

        Fail(property, collector, $"'{(value.Length > 40 ? value[..40] : value)}' is not an all-day date; use {property.Name.ToUpperInvariant()};VALUE=DATE:yyyyMMdd.");
        return null;
    }

    private void Fail(IcsLine property, CalendarDayCollector collector, string message)
    {
        Failed = true;
        collector.Error(property.Number, property.Name.ToUpperInvariant(), message);
    }

    // RFC 5545 TEXT escapes: \\ \; \, \n
    private static string Unescape(string value)
    {
        var text = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length)
            {
                i++;
                text.Append(value[i] is 'n' or 'N' ? ' ' : value[i]);
            }
            else
            {
                text.Append(value[i]);
            }
        }

        return text.ToString();
    }
}
