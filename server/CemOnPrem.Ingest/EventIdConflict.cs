using CemOnPrem.Contracts.Problems;
using CemOnPrem.Http.Problems;
using CemOnPrem.Storage.Events;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CemOnPrem.Ingest;

/// <summary>
/// 409 for an event id reused with different content (<see cref="EventReceipt.Conflict"/>). The same body again is an
/// idempotent retry (202, <c>duplicate: true</c>); another body under a used id is a client bug the client must hear
/// about, never a silent drop. Names the field and the source; says nothing of the stored event.
/// </summary>
internal static class EventIdConflict
{
    public const string Title = "This event id was already used for a different event.";

    public static Dictionary<string, string[]> Errors(EventReceipt receipt) => new(StringComparer.Ordinal)
    {
        ["eventId"] =
        [
            $"'{EventValidator.Truncate(receipt.EventId)}' of source '{receipt.Source}' is already stored with different content; " +
            "nothing was stored. Resend the original unchanged, or give a new event a new eventId.",
        ],
    };

    public static ProblemHttpResult Problem(EventReceipt receipt)
    {
        var errors = Errors(receipt);
        return TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status409Conflict,
            Type = ProblemTypes.EventIdConflict,
            Title = Title,
            Detail = $"eventId: {errors["eventId"][0]}",
        });
    }
}
