using System.Globalization;
using CemOnPrem.Contracts.Problems;
using CemOnPrem.Http.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CemOnPrem.Cases.Calendars;

/// <summary>
/// Optimistic concurrency for calendar writes, as for cases: the ETag is the calendar's version (<c>"4"</c>; <c>"0"</c>
/// for a region still on the default calendar); a write must send it back in <c>If-Match</c> (428 without, 412 when
/// someone changed the calendar since). Two operators editing holidays at once would otherwise silently undo each other.
/// </summary>
internal static class CalendarETags
{
    public static string Of(int version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    public static void Set(HttpContext http, int version) => http.Response.Headers.ETag = Of(version);

    /// <returns>The version the caller read, or the problem (428 missing, 400 malformed).</returns>
    public static (int Version, ProblemHttpResult? Problem) Expected(HttpContext http)
    {
        var header = http.Request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0)
        {
            return (0, Problem.Of(StatusCodes.Status428PreconditionRequired, ProblemTypes.PreconditionRequired, "If-Match required.",
                "Changing a calendar needs the If-Match header with the ETag of the calendar you read (GET /api/v1/calendars/{region} first; \"0\" while the region has no stored calendar)."));
        }

        return header.Length > 2 && header[0] == '"' && header[^1] == '"'
            && int.TryParse(header.AsSpan(1, header.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? (version, null)
            : (0, Problem.Invalid("If-Match", "must be one ETag this server issued for the calendar, e.g. \"3\" (quotes included)."));
    }

    public static ProblemHttpResult Stale(int current) =>
        Problem.Of(StatusCodes.Status412PreconditionFailed, ProblemTypes.PreconditionFailed, "The calendar has changed.",
            $"The calendar was changed since you read it (it is now at version {current}, ETag {Of(current)}); read it again and repeat your change if it still applies.");
}
