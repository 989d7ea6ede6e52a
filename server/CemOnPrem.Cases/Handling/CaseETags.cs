using CemOnPrem.Http.Concurrency;
using CemOnPrem.Contracts.Cases;
using CemOnPrem.Contracts.Problems;
using CemOnPrem.Http.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CemOnPrem.Cases.Handling;

/// <summary>
/// Optimistic concurrency for case writes: the ETag is the case's version (<c>"7"</c>); a write must send it back in
/// <c>If-Match</c> (428 without, 412 when the case has changed since).
/// </summary>
internal static class CaseETags
{
    public static string Of(int version) => VersionETags.Of(version);

    public static void Set(HttpContext http, int version) => VersionETags.Set(http, version);

    /// <returns>The expected version, or the problem (428 missing, 400 malformed).</returns>
    public static (int Version, ProblemHttpResult? Problem) Expected(HttpContext http) =>
        VersionETags.Expected(http, "case", "GET the case first", lowest: 1);

    public static ProblemHttpResult Stale(int current) => VersionETags.Stale("case", current);

    /// <summary>The answer of a refused edit (conflict 409 naming the allowed transitions, stale 412, invalid 422, missing 404).</summary>
    public static ProblemHttpResult Refused(CaseEditResult result)
    {
        switch (result.Status)
        {
            case CaseEditStatus.Stale:
                return Stale(result.Version);
            case CaseEditStatus.NotFound:
                return Problem.NotFound("No such case.");
            case CaseEditStatus.Invalid:
                return Problem.Invalid(result.Field ?? "body", result.Detail ?? "is not valid.", StatusCodes.Status422UnprocessableEntity, ProblemTypes.Validation);
            default:
                var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails
                {
                    Status = StatusCodes.Status409Conflict,
                    Type = ProblemTypes.Conflict,
                    Title = "Not possible in the case's current state.",
                    Detail = result.Detail + " Allowed transitions: " + (result.AllowedTransitions is { Count: > 0 } a ? string.Join(", ", a) : "none") + ".",
                };
                problem.Extensions["allowedTransitions"] = result.AllowedTransitions ?? [];
                return TypedResults.Problem(problem);
        }
    }
}
