using System.Diagnostics.CodeAnalysis;

namespace CemOnPrem.Cases.Calendars;

/// <summary>Time zones a calendar may name: IANA ids the host knows (Linux .NET reads them from the system's tz database).</summary>
internal static class TimeZones
{
    public static bool TryFind(string? id, [NotNullWhen(true)] out TimeZoneInfo? zone)
    {
        zone = null;
        if (string.IsNullOrWhiteSpace(id) || id.Length > 64 || !TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found) || !found.HasIanaId)
        {
            return false;
        }

        zone = found;
        return true;
    }
}
