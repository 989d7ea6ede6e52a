using System.Globalization;
using CemOnPrem.Contracts.Problems;
using CemOnPrem.Http.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CemOnPrem.Surveys.Definitions;

/// <summary>
/// Optimistic concurrency for draft writes, as for cases: the ETag is the draft's revision (<c>"3"</c>); replacing or
/// deleting a draft must send it back in <c>If-Match</c> (428 without, 412 when the draft has changed since).
/// </summary>
internal static class SurveyDraftETags
{
    public static string Of(int revision) => "\"" + revision.ToString(CultureInfo.InvariantCulture) + "\"";

    public static void Set(HttpContext http, int revision) => http.Response.Headers.ETag = Of(revision);

    /// <param name="required">False for publish, where If-Match is optional (publishing what one has not read is allowed, but can be guarded).</param>
    /// <returns>The expected revision (null when optional and absent), or the problem (428 missing, 400 malformed).</returns>
    public static (int? Revision, ProblemHttpResult? Problem) Expected(HttpContext http, bool required = true)
    {
        var header = http.Request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0)
        {
            return required
                ? (null, Problem.Of(StatusCodes.Status428PreconditionRequired, ProblemTypes.PreconditionRequired, "If-Match required.",
                    "Changing a survey draft needs the If-Match header with the ETag of the draft you read (GET /api/v1/surveys/{key}/draft); this keeps two admins from overwriting each other."))
                : (null, null);
        }

        return header.Length > 2 && header[0] == '"' && header[^1] == '"'
            && int.TryParse(header.AsSpan(1, header.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var revision) && revision > 0
            ? (revision, null)
            : (null, Problem.Invalid("If-Match", "must be one ETag this server issued for the draft, e.g. \"3\" (quotes included)."));
    }

    public static ProblemHttpResult Stale(int current) =>
        Problem.Of(StatusCodes.Status412PreconditionFailed, ProblemTypes.PreconditionFailed, "The draft has changed.",
            $"The draft was changed since you read it (it is now at revision {current}, ETag {Of(current)}); read it again and repeat your change if it still applies.");
}
