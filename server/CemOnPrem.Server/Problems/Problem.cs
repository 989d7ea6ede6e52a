using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CemOnPrem.Server.Problems;

/// <summary>Builds problem+json results with our types; the field at fault goes in <c>errors</c>.</summary>
public static class Problem
{
    public static ProblemHttpResult Invalid(string field, string message, int status = StatusCodes.Status400BadRequest, string type = ProblemTypes.Validation) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] }, status, type);

    public static ProblemHttpResult Invalid(IDictionary<string, string[]> errors, int status = StatusCodes.Status400BadRequest, string type = ProblemTypes.Validation) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = status,
            Type = type,
            Title = status == StatusCodes.Status422UnprocessableEntity ? "The request names something this server does not know." : "The request is invalid.",
            Detail = string.Join(" ", errors.Select(pair => $"{pair.Key}: {string.Join(" ", pair.Value)}")),
        });

    public static ProblemHttpResult Of(int status, string type, string title, string detail) =>
        TypedResults.Problem(new ProblemDetails { Status = status, Type = type, Title = title, Detail = detail });

    public static ProblemHttpResult NotFound(string detail) =>
        Of(StatusCodes.Status404NotFound, ProblemTypes.NotFound, "Not found.", detail);
}
