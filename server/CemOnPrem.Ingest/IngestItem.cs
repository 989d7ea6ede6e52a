using CemOnPrem.Contracts.Problems;
using CemOnPrem.Storage.Events;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CemOnPrem.Ingest;

/// <summary>
/// Where one event of an ingest request stands in <see cref="IngestPipeline"/>: the fields of the step that settled it,
/// and nothing of the way it is answered (one event answers with its own problem+json, a batch item with a
/// <see cref="BatchItemResult"/>). A struct in one array per request: the steps allocate nothing per event for it.
/// </summary>
internal struct IngestItem
{
    public IngestState State;

    /// <summary>The document as parsed; null when parsing failed (<see cref="Errors"/> says why).</summary>
    public EventDocument? Document;

    /// <summary>The validated event (<see cref="IngestState.Admitted"/> and after).</summary>
    public NewEvent? Event;

    /// <summary>Status, problem type and the fields at fault of an <see cref="IngestState.Invalid"/> item.</summary>
    public int Status;

    public string? ProblemType;

    public IDictionary<string, string[]>? Errors;

    /// <summary>The routing refusal of a <see cref="IngestState.Misdirected"/> item (421 or 503).</summary>
    public ProblemHttpResult? Misdirected;

    /// <summary>The binding a <see cref="IngestState.Forbidden"/> item lacks.</summary>
    public string? Missing;

    /// <summary>The region's append this item rides in (<see cref="IngestState.Queued"/>), and its place in it.</summary>
    public PendingAppend? Pending;

    public int Offset;

    public static IngestItem Parsed((EventDocument? Document, Dictionary<string, string[]>? Errors) parsed) =>
        parsed.Errors is null
            ? new IngestItem { State = IngestState.Parsed, Document = parsed.Document }
            : Invalid(StatusCodes.Status400BadRequest, ProblemTypes.Validation, parsed.Errors);

    public static IngestItem Invalid(int status, string problemType, IDictionary<string, string[]> errors) =>
        new() { State = IngestState.Invalid, Status = status, ProblemType = problemType, Errors = errors };

    /// <summary>The receipt of a committed item; only once its append has completed.</summary>
    public readonly EventReceipt Receipt => Pending!.Completion.Result[Offset];
}
