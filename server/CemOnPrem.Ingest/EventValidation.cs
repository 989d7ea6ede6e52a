using CemOnPrem.Contracts.Problems;
using CemOnPrem.Http.Problems;
using CemOnPrem.Storage.Events;

namespace CemOnPrem.Ingest;

/// <summary>
/// Either a valid event or the errors (with 400 for malformed input, 422 for an unknown region or an identity value that
/// identifies no one), and the problem type to answer them with.
/// </summary>
public sealed record EventValidation(NewEvent? Event, IReadOnlyDictionary<string, string[]>? Errors, int Status, string ProblemType)
{
    public static EventValidation Valid(NewEvent value) => new(value, null, StatusCodes.Status202Accepted, "");

    public static EventValidation Invalid(IReadOnlyDictionary<string, string[]> errors, int status) =>
        Invalid(errors, status, status == StatusCodes.Status422UnprocessableEntity ? ProblemTypes.UnknownRegion : ProblemTypes.Validation);

    public static EventValidation Invalid(IReadOnlyDictionary<string, string[]> errors, int status, string problemType) =>
        new(null, errors, status, problemType);
}
