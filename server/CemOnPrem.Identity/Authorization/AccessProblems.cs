using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CemOnPrem.Identity.Authorization;

/// <summary>The problem+json answers of access control.</summary>
public static class AccessProblems
{
    public const string ForbiddenType = "urn:cem:problem:forbidden";
    public const string UnauthenticatedType = "urn:cem:problem:unauthenticated";

    /// <summary>The same type the server uses for database outages.</summary>
    public const string StoreUnavailableType = "urn:cem:problem:store-unavailable";

    /// <param name="missing">The permissions the caller lacks, in words ("one of the roles agent, compliance").</param>
    public static ProblemHttpResult Forbidden(IReadOnlyCollection<string> missing)
    {
        ArgumentNullException.ThrowIfNull(missing);
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status403Forbidden,
            Type = ForbiddenType,
            Title = "Forbidden.",
            Detail = missing.Count == 0 ? "This call is not permitted for this caller." : "This call needs " + string.Join("; and ", missing) + ".",
        };
        problem.Extensions["missingPermissions"] = missing;
        return TypedResults.Problem(problem);
    }
}
