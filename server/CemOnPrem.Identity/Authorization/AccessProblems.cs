using CemOnPrem.Contracts.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CemOnPrem.Identity.Authorization;

/// <summary>The problem+json answers of access control.</summary>
public static class AccessProblems
{
    /// <param name="missing">The permissions the caller lacks, in words ("one of the roles agent, compliance").</param>
    public static ProblemHttpResult Forbidden(IReadOnlyCollection<string> missing)
    {
        ArgumentNullException.ThrowIfNull(missing);
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status403Forbidden,
            Type = ProblemTypes.Forbidden,
            Title = "Forbidden.",
            Detail = missing.Count == 0 ? "This call is not permitted for this caller." : "This call needs " + string.Join("; and ", missing) + ".",
        };
        problem.Extensions["missingPermissions"] = missing;
        return TypedResults.Problem(problem);
    }
}
