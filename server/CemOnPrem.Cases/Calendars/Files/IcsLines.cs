namespace CemOnPrem.Cases.Calendars.Files;

/// <summary>Splits iCalendar text into content lines, joining folded ones (a line starting with a space or tab continues the one before).</summary>
internal static class IcsLines
{
    public static List<IcsLine> Unfold(string text)
    {
        var result = new List<IcsLine>();
        var physical = text.Split('\n');
        string? pending = null;
        var start = 0;
        for (var i = 0; i < physical.Length; i++)
        {
            var line = physical[i].TrimEnd('\r');
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t') && pending is not null)
            {
                pending += line[1..];
                continue;
            }

            Flush(result, pending, start);
            pending = line.Length > 0 ? line : null;
            start = i + 1;
        }

        Flush(result, pending, start);
        return result;
    }

    private static void Flush(List<IcsLine> result, string? line, int number)
    {
        if (line is null)
        {
            return;
        }

        // The value starts after the first colon outside a quoted parameter value.
        var quoted = false;
        var colon = -1;
        for (var i = 0; i < line.Length && colon < 0; i++)
        {
            quoted ^= line[i] == '"';
            colon = !quoted && line[i] == ':' ? i : -1;
        }

        var head = colon < 0 ? line : line[..colon];
        var semicolon = head.IndexOf(';', StringComparison.Ordinal);
        result.Add(new IcsLine(number, semicolon < 0 ? head : head[..semicolon], semicolon < 0 ? "" : head[(semicolon + 1)..], colon < 0 ? "" : line[(colon + 1)..]));
    }
}
