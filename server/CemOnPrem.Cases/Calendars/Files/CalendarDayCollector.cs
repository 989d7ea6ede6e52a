using CemOnPrem.Contracts.Text;

namespace CemOnPrem.Cases.Calendars.Files;

/// <summary>
/// Gathers an import file's days and its errors, one rule set for both formats: a date at most once, a name of at
/// most <see cref="MaxNameLength"/> characters on one line, at most <see cref="MaxDays"/> days.
/// </summary>
internal sealed class CalendarDayCollector
{
    public const int MaxNameLength = 200;
    public const int MaxDays = 10_000;
    private const int MaxErrors = 20;

    private readonly Dictionary<DateOnly, int> _lineOf = [];
    private readonly List<CalendarDay> _days = [];
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    public bool Full => _errors.Count >= MaxErrors;

    public void Error(int line, string field, string message)
    {
        var key = line > 0 ? $"line {line}" : "body";
        if (!_errors.ContainsKey(key) && !Full)
        {
            _errors[key] = [$"{field}: {message}"];
        }
    }

    public void Add(int line, DateOnly date, string kind, string name)
    {
        if (!CalendarDates.Contains(date))
        {
            Error(line, "date", $"{date:yyyy-MM-dd} {CalendarDates.Rule}.");
        }
        else if (name.Length > MaxNameLength || InputText.CheckSingleLine(name) is not null)
        {
            Error(line, "name", $"must be one line of at most {MaxNameLength} characters without control characters.");
        }
        else if (_lineOf.TryGetValue(date, out var first))
        {
            Error(line, "date", $"{date:yyyy-MM-dd} is listed already on line {first}; a date may appear once.");
        }
        else if (_days.Count >= MaxDays)
        {
            Error(line, "date", $"the file lists more than {MaxDays} days.");
        }
        else
        {
            _lineOf[date] = line;
            _days.Add(new CalendarDay(date, kind, name));
        }
    }

    public CalendarFileResult Result() => _errors.Count > 0 ? new CalendarFileResult([], _errors) : new CalendarFileResult(_days, _errors);
}
