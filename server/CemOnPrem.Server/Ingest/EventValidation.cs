using CemOnPrem.Storage.Events;

namespace CemOnPrem.Server.Ingest;

/// <summary>Either a valid event or the errors (with 400 for malformed input, 422 for an unknown region).</summary>
public sealed record EventValidation(NewEvent? Event, IReadOnlyDictionary<string, string[]>? Errors, int Status)
{
    public static EventValidation Valid(NewEvent value) => new(value, null, StatusCodes.Status202Accepted);

    public static EventValidation Invalid(IReadOnlyDictionary<string, string[]> errors, int status) => new(null, errors, status);
}
