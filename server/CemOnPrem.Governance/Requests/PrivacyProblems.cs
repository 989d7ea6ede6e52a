using CemOnPrem.Contracts.Problems;
using CemOnPrem.Http.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CemOnPrem.Governance.Requests;

/// <summary>Problem types of the privacy endpoints, and how a refused request step is answered.</summary>
public static class PrivacyProblems
{
    public static ProblemHttpResult Of(RequestRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return refusal.Kind switch
        {
            RefusalKind.NotFound => Problem.NotFound("No such data-subject request."),
            RefusalKind.LegalHold => TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Type = ProblemTypes.LegalHold,
                Title = "The subject is under legal hold.",
                Detail = refusal.Message,
                Extensions = { ["holds"] = refusal.Holds?.Select(h => new { h.HoldId, h.Reason, h.PlacedBy, h.PlacedAt }).ToArray() },
            }),
            RefusalKind.NotConnected => Problem.Of(StatusCodes.Status501NotImplemented, ProblemTypes.NotImplemented, "Not available in this build.", refusal.Message),
            _ => Problem.Of(StatusCodes.Status409Conflict, ProblemTypes.Conflict, "The request cannot take this step.", refusal.Message),
        };
    }
}
