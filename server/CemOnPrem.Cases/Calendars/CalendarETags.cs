using CemOnPrem.Http.Concurrency;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CemOnPrem.Cases.Calendars;

/// <summary>
/// Optimistic concurrency for calendar writes, as for cases (<see cref="VersionETags"/>): the ETag is the calendar's
/// version, <c>"0"</c> for a region still on the default calendar. Two operators editing holidays at once would otherwise
/// silently undo each other's days.
/// </summary>
internal static class CalendarETags
{
    public static void Set(HttpContext http, int version) => VersionETags.Set(http, version);

    public static (int Version, ProblemHttpResult? Problem) Expected(HttpContext http) =>
        VersionETags.Expected(http, "calendar", "GET /api/v1/calendars/{region} first; \"0\" while the region has no stored calendar", lowest: 0);

    public static ProblemHttpResult Stale(int current) => VersionETags.Stale("calendar", current);
}
