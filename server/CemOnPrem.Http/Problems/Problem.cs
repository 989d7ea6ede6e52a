using CemOnPrem.Contracts.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CemOnPrem.Http.Problems;

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
            Title = TitleOf(status, type),
            Detail = string.Join(" ", errors.Select(pair => $"{pair.Key}: {string.Join(" ", pair.Value)}")),
        });

    // The title speaks of the kind of problem; 422 has two kinds (an unknown name, a value that identifies no one).
    private static string TitleOf(int status, string type) => (status, type) switch
    {
        (_, ProblemTypes.UnusableIdentity) => "An identity value is not usable: it could not tell one customer from another.",
        (StatusCodes.Status422UnprocessableEntity, _) => "The request names something this server does not know.",
        _ => "The request is invalid.",
    };

    public static ProblemHttpResult Of(int status, string type, string title, string detail) =>
        TypedResults.Problem(new ProblemDetails { Status = status, Type = type, Title = title, Detail = detail });

    public static ProblemHttpResult NotFound(string detail) =>
        Of(StatusCodes.Status404NotFound, ProblemTypes.NotFound, "Not found.", detail);
}
