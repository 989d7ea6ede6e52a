using System.Text.Json;
using CemOnPrem.Contracts.Problems;
using CemOnPrem.Http.Problems;
using CemOnPrem.Http.Requests;
using CemOnPrem.Surveys.Definitions;
using CemOnPrem.Surveys.Invitations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CemOnPrem.Surveys.Responses;

public static partial class SurveyResponsesApi
{
    /// <summary>Largest body accepted: 200 answers of the longest text fit; anything bigger is not a survey response.</summary>
    public const int MaxBodyBytes = 1 << 20;

    internal static async Task<Results<Created<SubmitResult>, Ok<SubmitResult>, ProblemHttpResult>> SubmitAsync(
        InvitationLookup lookup, ISurveyCatalog catalog, ISurveyResponseStore store, HttpContext http, CancellationToken cancellationToken)
    {
        if (http.Request.ContentLength > MaxBodyBytes)
        {
            return Problem.Of(StatusCodes.Status413PayloadTooLarge, ProblemTypes.TooLarge, "Payload too large.", $"At most {MaxBodyBytes} bytes.");
        }

        if (!(http.Request.ContentType ?? "").StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Problem.Of(StatusCodes.Status415UnsupportedMediaType, ProblemTypes.UnsupportedMediaType, "Unsupported media type.", "Send application/json.");
        }

        SubmittedAnswers? body;
        try
        {
            using var document = await JsonDocument.ParseAsync(http.Request.Body, default, cancellationToken).ConfigureAwait(false);
            if (JsonTextRules.FirstViolation(document.RootElement) is { } text)
            {
                return Problem.Invalid(text.Field, text.Error);
            }

            (body, var field, var error) = SubmittedAnswers.Parse(document.RootElement);
            if (body is null)
            {
                return Problem.Invalid(field!, error!);
            }
        }
        catch (JsonException)
        {
            return Problem.Invalid("body", "is not valid JSON.");
        }

        // A forged, unknown or malformed token gets the same answer: nothing tells which tokens exist.
        if (await lookup.FindByTokenAsync(body.Token, cancellationToken).ConfigureAwait(false) is not { } invitation)
        {
            return Problem.NotFound("No invitation has this token.");
        }

        SurveyResponseAccess.RememberSubject(http, invitation.Region, invitation.CustomerId);
        if (await catalog.FindAsync(invitation.SurveyKey, invitation.SurveyVersion, cancellationToken).ConfigureAwait(false) is not { } survey)
        {
            return Gone("The survey of this invitation is no longer published.");
        }

        ResponseOutcome outcome;
        try
        {
            outcome = body.Complete
                ? await store.CompleteAsync(invitation, survey, body.Answers, cancellationToken).ConfigureAwait(false)
                : await store.SaveProgressAsync(invitation, survey, body.Answers, cancellationToken).ConfigureAwait(false);
        }
        catch (Ingest.StoreUnavailableException)
        {
            // The response may be committed without its event (the relay appends it): not acknowledged, the caller retries
            // and then learns it is answered.
            return Problem.Of(StatusCodes.Status503ServiceUnavailable, ProblemTypes.StoreUnavailable, "Store unavailable.",
                "The event log could not take the response's feedback event now; retry later.");
        }

        return outcome.Status switch
        {
            ResponseStatus.Stored when body.Complete => TypedResults.Created($"/api/v1/surveys/responses/{outcome.ResponseId}", new SubmitResult(outcome.ResponseId!.Value, "completed")),
            ResponseStatus.Stored => TypedResults.Ok(new SubmitResult(outcome.ResponseId!.Value, "in-progress")),
            ResponseStatus.Invalid => Problem.Invalid(
                outcome.Problems.GroupBy(p => $"answers.{p.Key}").ToDictionary(g => g.Key, g => g.Select(p => $"{p.Code}: {p.Message}").ToArray()),
                StatusCodes.Status422UnprocessableEntity),
            ResponseStatus.AlreadyAnswered => Problem.Of(StatusCodes.Status409Conflict, ProblemTypes.Conflict, "Already answered.",
                "This invitation already has a finished response."),
            _ => Gone("This invitation has expired or can no longer be answered."),
        };
    }

    private static ProblemHttpResult Gone(string detail) => Problem.Of(StatusCodes.Status410Gone, ProblemTypes.NotFound, "Gone.", detail);
}

/// <summary>What a submission stored: the response and whether it is finished (<c>completed</c>) or kept part-way (<c>in-progress</c>).</summary>
public sealed record SubmitResult(Guid ResponseId, string Status);
