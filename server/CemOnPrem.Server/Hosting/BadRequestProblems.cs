using System.Text.Json;
using System.Text.RegularExpressions;
using CemOnPrem.Contracts.Problems;
using CemOnPrem.Http.Problems;
using CemOnPrem.Http.Requests;
using Microsoft.AspNetCore.Mvc;

namespace CemOnPrem.Server.Hosting;

/// <summary>
/// Turns ASP.NET Core's binding failures (<see cref="BadHttpRequestException"/>, thrown because
/// <c>RouteHandlerOptions.ThrowOnBadRequest</c> is on in every environment) into problem details in the API's
/// language: the field or parameter at fault, never a .NET type or C# parameter declaration (those messages,
/// e.g. "Failed to read parameter \"OrgUnitBody body\"", describe our code, not the request).
/// </summary>
internal static partial class BadRequestProblems
{
    public static ProblemDetails From(BadHttpRequestException bad, HttpRequest request)
    {
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new ProblemDetails
            {
                Status = bad.StatusCode,
                Type = ProblemTypes.TooLarge,
                Title = "Payload too large.",
                Detail = "The request body exceeds the size this endpoint accepts.",
            };
        }

        if (bad.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return Invalid("Content-Type", "is not accepted here: send application/json (UTF-8).", bad.StatusCode, ProblemTypes.UnsupportedMediaType);
        }

        if (bad.InnerException is JsonException json)
        {
            return json is TextRuleJsonException
                ? Invalid(JsonErrors.FieldOf(json), json.Message, StatusCodes.Status400BadRequest, ProblemTypes.Validation)
                : Invalid(JsonErrors.FieldOf(json), JsonErrors.MessageOf(json), StatusCodes.Status400BadRequest, ProblemTypes.Validation);
        }

        var message = bad.Message;
        if (message.StartsWith("Implicit body inferred", StringComparison.Ordinal) || (message.StartsWith("Required parameter", StringComparison.Ordinal) &&
                message.EndsWith("from body.", StringComparison.Ordinal)))
        {
            return Invalid("body", "is required: a JSON object.", StatusCodes.Status400BadRequest, ProblemTypes.Validation);
        }

        if (ParameterName().Match(message) is { Success: true } match)
        {
            var name = QueryName(request, match.Groups["name"].Value);
            return message.StartsWith("Required parameter", StringComparison.Ordinal)
                ? Invalid(name, "is required.", StatusCodes.Status400BadRequest, ProblemTypes.Validation)
                : Invalid(name, "has a value that is not of the expected form.", StatusCodes.Status400BadRequest, ProblemTypes.Validation);
        }

        // Kestrel's own refusals (a body that ends early, a malformed chunk, a timeout): their messages speak HTTP,
        // but say it in one sentence of ours rather than pass through whatever a framework version writes.
        return Invalid("body", "could not be read as a complete HTTP request body.", bad.StatusCode, ProblemTypes.Validation);
    }

    /// <summary>
    /// Problems the framework writes itself (status code pages, a 415 from body binding) get our type and, for a 415,
    /// the header at fault; problems we built keep theirs.
    /// </summary>
    public static void Customize(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = context.ProblemDetails;
        if (problem.Status != StatusCodes.Status415UnsupportedMediaType || problem.Type?.StartsWith("urn:cem:", StringComparison.Ordinal) == true)
        {
            return;
        }

        const string Message = "is not accepted here: send application/json (UTF-8).";
        problem.Type = ProblemTypes.UnsupportedMediaType;
        problem.Title = "Unsupported content type.";
        problem.Detail = $"Content-Type {Message}";
        problem.Extensions["errors"] = new Dictionary<string, string[]> { ["Content-Type"] = [Message] };
    }

    private static HttpValidationProblemDetails Invalid(string field, string message, int status, string type) =>
        new(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = status,
            Type = type,
            Title = "The request is invalid.",
            Detail = $"{field}: {message}",
        };

    // The C# parameter name is usually the query key; prefer the key exactly as the client wrote it.
    private static string QueryName(HttpRequest request, string parameter) =>
        request.Query.Keys.FirstOrDefault(key => string.Equals(key, parameter, StringComparison.OrdinalIgnoreCase)) ?? parameter;

    // "Failed to bind parameter \"int limit\" from \"abc\"." / "Required parameter \"string code\" was not provided from route."
    [GeneratedRegex("parameter \"[^\"]*?(?<name>[A-Za-z_][A-Za-z0-9_]*)\"", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterName();
}
