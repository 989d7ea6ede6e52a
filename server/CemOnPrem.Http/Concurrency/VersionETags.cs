using System.Globalization;
using CemOnPrem.Contracts.Problems;
using CemOnPrem.Http.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CemOnPrem.Http.Concurrency;

/// <summary>
/// Optimistic concurrency on a row's version, shared by the writable resources (cases, calendars, survey drafts): the ETag
/// is the version in quotes (<c>"7"</c>); a write must send it back in <c>If-Match</c> — 428 without it, 400 when it is
/// not one of ours, 412 when the version has moved on since.
/// </summary>
public static class VersionETags
{
    public static string Of(int version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    public static void Set(HttpContext http, int version) => http.Response.Headers.ETag = Of(version);

    /// <param name="what">The resource, for the messages ("case", "calendar").</param>
    /// <param name="howToRead">What to GET for the ETag, said in the 428 answer.</param>
    /// <param name="lowest">The lowest version an ETag can carry (0 for a resource that may not be stored yet).</param>
    /// <returns>The expected version, or the problem (428 missing, 400 malformed).</returns>
    public static (int Version, ProblemHttpResult? Problem) Expected(HttpContext http, string what, string howToRead, int lowest)
    {
        var header = http.Request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0)
        {
            return (0, Problem.Of(StatusCodes.Status428PreconditionRequired, ProblemTypes.PreconditionRequired, "If-Match required.",
                $"Changing a {what} needs the If-Match header with the ETag of the version you read ({howToRead}); this keeps two people from overwriting each other."));
        }

        return header.Length > 2 && header[0] == '"' && header[^1] == '"'
            && int.TryParse(header.AsSpan(1, header.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version >= lowest
            ? (version, null)
            : (0, Problem.Invalid("If-Match", $"must be one ETag this server issued for the {what}, e.g. \"3\" (quotes included)."));
    }

    public static ProblemHttpResult Stale(string what, int current) =>
        Problem.Of(StatusCodes.Status412PreconditionFailed, ProblemTypes.PreconditionFailed, $"The {what} has changed.",
            $"The {what} was changed since you read it (it is now at version {current}, ETag {Of(current)}); read it again and repeat your change if it still applies.");
}
