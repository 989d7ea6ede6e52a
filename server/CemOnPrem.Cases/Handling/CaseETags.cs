using System.Globalization;
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
    public static string Of(int version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    public static void Set(HttpContext http, int version) => http.Response.Headers.ETag = Of(version);

    /// <returns>The expected version, or the problem (428 missing, 400 malformed).</returns>
    public static (int Version, ProblemHttpResult? Problem) Expected(HttpContext http)
    {
        var header = http.Request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0)
        {
            return (0, Problem.Of(StatusCodes.Status428PreconditionRequired, ProblemTypes.PreconditionRequired, "If-Match required.",
                "Changing a case needs the If-Match header with the ETag of the version you read (GET the case first); this keeps two people from overwriting each other."));
        }

        return header.Length > 2 && header[0] == '"' && header[^1] == '"'
            && int.TryParse(header.AsSpan(1, header.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0
            ? (version, null)
            : (0, Problem.Invalid("If-Match", "must be one ETag this server issued for the case, e.g. \"3\" (quotes included)."));
    }

    public static ProblemHttpResult Stale(int current) =>
        Problem.Of(StatusCodes.Status412PreconditionFailed, ProblemTypes.PreconditionFailed, "The case has changed.",
            $"The case was changed since you read it (it is now at version {current}, ETag {Of(current)}); read it again and repeat your change if it still applies.");

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
