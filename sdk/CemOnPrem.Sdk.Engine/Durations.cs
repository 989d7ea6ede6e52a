using System.Xml;

namespace CemOnPrem.Sdk.Engine;

/// <summary>ISO 8601 durations as used in pack files (<c>PT30M</c>, <c>P3D</c>).</summary>
public static class Durations
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text) || text[0] != 'P')
        {
            return false;
        }

        // Years and months have no fixed length; XmlConvert would silently turn them into 365/30 days.
        var datePart = text.Split('T')[0];
        if (datePart.Contains('Y', StringComparison.Ordinal) || datePart.Contains('M', StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            duration = XmlConvert.ToTimeSpan(text);
            return duration > TimeSpan.Zero;
        }
        catch (FormatException)
        {
            return false;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    public static TimeSpan? ParseOrNull(string? text) => TryParse(text, out var duration) ? duration : null;
}
