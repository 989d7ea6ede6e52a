using CemOnPrem.Contracts.Problems;
using CemOnPrem.Identity.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CemOnPrem.Ingest;

// Problem is typed object so the JSON carries the runtime type's fields (errors of a validation problem).
public sealed record BatchItemResult(int Index, int Status, ReceiptResponse? Receipt, object? Problem)
{
    internal static BatchItemResult Of(int index, in IngestItem item) => item.State switch
    {
        IngestState.Invalid => Invalid(index, item.Status, item.ProblemType!, item.Errors!),
        IngestState.Misdirected => new(index, item.Misdirected!.ProblemDetails.Status ?? StatusCodes.Status400BadRequest, null, item.Misdirected.ProblemDetails),
        IngestState.Forbidden => Forbidden(index, item.Missing!),
        IngestState.Overloaded => Unavailable(index, ProblemTypes.Overloaded, $"The writer of region '{item.Event!.Region}' is full; retry this item."),
        IngestState.StoreUnavailable => Unavailable(index, ProblemTypes.StoreUnavailable,
            $"The database of region '{item.Event!.Region}' is unavailable; nothing of this item was stored; retry it."),
        IngestState.Queued => item.Receipt.Conflict
            ? Invalid(index, StatusCodes.Status409Conflict, ProblemTypes.EventIdConflict, EventIdConflict.Errors(item.Receipt))
            : Accepted(index, ReceiptResponse.From(item.Receipt)),
        _ => throw new InvalidOperationException($"An ingest item left the pipeline in state {item.State}."),
    };

    public static BatchItemResult Accepted(int index, ReceiptResponse receipt) => new(index, StatusCodes.Status202Accepted, receipt, null);

    public static BatchItemResult Invalid(int index, int status, string type, IDictionary<string, string[]> errors) =>
        new(index, status, null, new HttpValidationProblemDetails(errors)
        {
            Status = status,
            Type = type,
            Title = "This event is invalid.",
            Detail = string.Join(" ", errors.Select(pair => $"{pair.Key}: {string.Join(" ", pair.Value)}")),
        });

    public static BatchItemResult Forbidden(int index, string missing) =>
        new(index, StatusCodes.Status403Forbidden, null, AccessProblems.Forbidden([missing]).ProblemDetails);

    public static BatchItemResult Unavailable(int index, string type, string detail) =>
        new(index, StatusCodes.Status503ServiceUnavailable, null, new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Type = type,
            Title = "Not stored; retry.",
            Detail = detail,
        });
}
