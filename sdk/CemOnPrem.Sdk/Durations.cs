using System.Xml;

namespace CemOnPrem.Sdk;

/// <summary>
/// ISO 8601 durations as used in pack files (<c>PT30M</c>, <c>P3D</c>). Part of the SDK (not only the engine) because
/// the pack rules that the host and the test kit share check them.
/// </summary>
public static class Durations
{
    /// <summary>Parses a positive ISO 8601 duration of days, hours, minutes and seconds (no years or months).</summary>
    /// <param name="text">The text to parse.</param>
    /// <param name="duration">The duration, when valid.</param>
    /// <returns>Whether the text is such a duration.</returns>
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

    /// <summary>The duration, or null when <paramref name="text"/> is not a valid one.</summary>
    /// <param name="text">The text to parse.</param>
    /// <returns>The duration or null.</returns>
    public static TimeSpan? ParseOrNull(string? text) => TryParse(text, out var duration) ? duration : null;
}
