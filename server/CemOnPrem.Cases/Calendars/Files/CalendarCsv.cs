using System.Globalization;
using System.Text;

namespace CemOnPrem.Cases.Calendars.Files;

/// <summary>
/// Reads a calendar CSV file: UTF-8, a header line naming the columns <c>date,kind,name</c> (any order, any case;
/// <c>name</c> may be left out), then one day per line: <c>2026-10-01,holiday,National Day</c>. A field may be
/// quoted ("a, b"; "" for a quote). Blank lines are skipped. Errors name the line.
/// </summary>
public static class CalendarCsv
{
    public static CalendarFileResult Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var collector = new CalendarDayCollector();
        var lines = text.TrimStart('\uFEFF').Split('\n');
        Dictionary<string, int>? columns = null;
        for (var i = 0; i < lines.Length && !collector.Full; i++)
        {
            var number = i + 1;
            var line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                continue;
            }

            if (!TrySplit(line, out var fields))
            {
                collector.Error(number, "line", "has an unterminated quoted field.");
                continue;
            }

            if (columns is null)
            {
                columns = Header(fields);
                if (!columns.ContainsKey("date") || !columns.ContainsKey("kind"))
                {
                    collector.Error(number, "header", "must name the columns date,kind,name.");
                    return collector.Result();
                }

                continue;
            }

            if (fields.Count != columns.Count)
            {
                collector.Error(number, "line", $"has {fields.Count} fields; the header has {columns.Count}.");
                continue;
            }

            var date = fields[columns["date"]].Trim();
            var kind = fields[columns["kind"]].Trim().ToLowerInvariant();
            var name = columns.TryGetValue("name", out var n) ? fields[n].Trim() : "";
            if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                collector.Error(number, "date", $"'{Shown(date)}' is not a date in the form yyyy-MM-dd.");
            }
            else if (!CalendarDayKinds.IsValid(kind))
            {
                collector.Error(number, "kind", $"'{Shown(kind)}' is not a kind; use {CalendarDayKinds.Holiday} or {CalendarDayKinds.WorkingDay}.");
            }
            else
            {
                collector.Add(number, day, kind, name);
            }
        }

        if (columns is null)
        {
            collector.Error(0, "body", "the file is empty; expected a header line date,kind,name.");
        }

        return collector.Result();
    }

    private static Dictionary<string, int> Header(List<string> fields)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < fields.Count; i++)
        {
            columns.TryAdd(fields[i].Trim().ToLowerInvariant(), i);
        }

        return columns;
    }

    // An echoed value is cut short: a file is not a place to smuggle long text into an error message.
    private static string Shown(string value) => value.Length > 40 ? value[..40] + "…" : value;

    private static bool TrySplit(string line, out List<string> fields)
    {
        fields = [];
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return !quoted;
    }
}
