using System.Globalization;
using CemOnPrem.Contracts.Text;

namespace CemOnPrem.Cases.Calendars;

/// <summary>Checks a <see cref="CalendarBody"/> and turns it into a <see cref="CalendarDraft"/>; every error names its field (<c>days[3].date</c>).</summary>
internal static class CalendarBodyRules
{
    public const int MaxDays = 10_000;

    private static readonly DayOfWeek[] MondayToFriday = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    public static (CalendarDraft? Draft, Dictionary<string, string[]> Errors) Check(CalendarBody? body)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (body is null)
        {
            errors["body"] = ["a JSON calendar is required: timeZone, workingDays, workingHours, days."];
            return (null, errors);
        }

        if (!TimeZones.TryFind(body.TimeZone, out var zone))
        {
            errors["timeZone"] = [$"'{body.TimeZone}' is not an IANA time zone id (e.g. Asia/Shanghai, Europe/Berlin)."];
        }

        var weekdays = WorkingDays(body.WorkingDays, errors);
        var start = Time(body.WorkingHours?.Start ?? "09:00", "workingHours.start", allowMidnightEnd: false, errors);
        var end = Time(body.WorkingHours?.End ?? "17:00", "workingHours.end", allowMidnightEnd: true, errors);
        if (start is { } s && end is { } e && e <= s)
        {
            errors["workingHours.end"] = ["must be later than workingHours.start."];
        }

        var days = Days(body.Days ?? [], errors);
        return errors.Count > 0 ? (null, errors) : (new CalendarDraft(zone!.Id, weekdays, start!.Value, end!.Value, days), errors);
    }

    private static List<DayOfWeek> WorkingDays(IReadOnlyList<string?>? names, Dictionary<string, string[]> errors)
    {
        if (names is null)
        {
            return [.. MondayToFriday];
        }

        var days = new List<DayOfWeek>();
        for (var i = 0; i < names.Count; i++)
        {
            if (Enum.TryParse<DayOfWeek>(names[i], ignoreCase: true, out var day) && Enum.IsDefined(day) && !int.TryParse(names[i], out _))
            {
                days.Add(day);
            }
            else
            {
                errors[$"workingDays[{i}]"] = [$"'{names[i]}' is not a weekday name (monday ... sunday)."];
            }
        }

        if (names.Count == 0)
        {
            errors["workingDays"] = ["must name at least one weekday."];
        }

        return [.. days.Distinct()];
    }

    private static TimeSpan? Time(string value, string field, bool allowMidnightEnd, Dictionary<string, string[]> errors)
    {
        if (allowMidnightEnd && value == "24:00")
        {
            return TimeSpan.FromDays(1);
        }

        if (TimeOnly.TryParseExact(value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time.ToTimeSpan();
        }

        errors[field] = [$"'{value}' is not a local time in the form HH:mm{(allowMidnightEnd ? " (or 24:00)" : "")}."];
        return null;
    }

    private static List<CalendarDay> Days(IReadOnlyList<CalendarDayBody?> bodies, Dictionary<string, string[]> errors)
    {
        var days = new List<CalendarDay>();
        var seen = new HashSet<DateOnly>();
        if (bodies.Count > MaxDays)
        {
            errors["days"] = [$"at most {MaxDays} days."];
            return days;
        }

        for (var i = 0; i < bodies.Count; i++)
        {
            var body = bodies[i];
            var name = body?.Name?.Trim() ?? "";
            if (!DateOnly.TryParseExact(body?.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                errors[$"days[{i}].date"] = [$"'{body?.Date}' is not a date in the form yyyy-MM-dd."];
            }
            else if (!CalendarDates.Contains(date))
            {
                errors[$"days[{i}].date"] = [CalendarDates.Rule + "."];
            }
            else if (!seen.Add(date))
            {
                errors[$"days[{i}].date"] = [$"{body!.Date} is listed twice."];
            }
            else if (!CalendarDayKinds.IsValid(body!.Kind))
            {
                errors[$"days[{i}].kind"] = [$"'{body.Kind}' is not a kind; use {CalendarDayKinds.Holiday} or {CalendarDayKinds.WorkingDay}."];
            }
            else if (name.Length > 200 || InputText.CheckSingleLine(name) is not null)
            {
                errors[$"days[{i}].name"] = ["must be one line of at most 200 characters."];
            }
            else
            {
                days.Add(new CalendarDay(date, body.Kind!, name));
            }
        }

        return days;
    }
}
