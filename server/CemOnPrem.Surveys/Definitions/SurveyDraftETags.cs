using CemOnPrem.Http.Concurrency;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CemOnPrem.Surveys.Definitions;

/// <summary>
/// Optimistic concurrency for draft writes, as for cases (<see cref="VersionETags"/>): the ETag is the draft's revision
/// (<c>"3"</c>); replacing or deleting a draft must send it back in <c>If-Match</c> (428 without, 412 when the draft has
/// changed since).
/// </summary>
internal static class SurveyDraftETags
{
    private const string What = "survey draft";
    private const string HowToRead = "GET /api/v1/surveys/{key}/draft";

    public static string Of(int revision) => VersionETags.Of(revision);

    public static void Set(HttpContext http, int revision) => VersionETags.Set(http, revision);

    /// <param name="required">False for publish, where If-Match is optional (publishing what one has not read is allowed, but can be guarded).</param>
    /// <returns>The expected revision (null when optional and absent), or the problem (428 missing, 400 malformed).</returns>
    public static (int? Revision, ProblemHttpResult? Problem) Expected(HttpContext http, bool required = true)
    {
        if (!required && http.Request.Headers.IfMatch.ToString().Trim().Length == 0)
        {
            return (null, null);
        }

        var (revision, problem) = VersionETags.Expected(http, What, HowToRead, lowest: 1);
        return problem is null ? (revision, null) : (null, problem);
    }

    public static ProblemHttpResult Stale(int current) => VersionETags.Stale(What, current);
}
