using CemOnPrem.Contracts.Problems;
using CemOnPrem.Http.Problems;
using CemOnPrem.Identity.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CemOnPrem.Ingest;

/// <summary>The answer to <c>POST /api/v1/events</c> from its one item: the item's problem as the response, or 202 with the receipt.</summary>
internal static class SingleEventAnswer
{
    public static Results<Accepted<ReceiptResponse>, ProblemHttpResult> Of(in IngestItem item, HttpContext context) => item.State switch
    {
        IngestState.Invalid => Problem.Invalid(item.Errors!, item.Status, item.ProblemType!),
        IngestState.Misdirected => item.Misdirected!,
        IngestState.Forbidden => AccessProblems.Forbidden([item.Missing!]),
        IngestState.Overloaded => Overloaded(context, item.Event!.Region),
        IngestState.Queued => item.Receipt.Conflict
            ? EventIdConflict.Problem(item.Receipt)
            : TypedResults.Accepted((string?)null, ReceiptResponse.From(item.Receipt)),
        _ => throw new InvalidOperationException($"An ingest item left the pipeline in state {item.State}."),
    };

    private static ProblemHttpResult Overloaded(HttpContext context, string region)
    {
        context.Response.Headers.RetryAfter = "1";
        return Problem.Of(StatusCodes.Status503ServiceUnavailable, ProblemTypes.Overloaded, "Ingest queue full.",
            $"The writer of region '{region}' has too many requests waiting; retry after 1 second.");
    }
}
