using System.Security.Claims;
using CemOnPrem.Audit.Http;
using CemOnPrem.Contracts.Problems;
using CemOnPrem.Http.Problems;
using CemOnPrem.Http.Requests;
using CemOnPrem.Sdk.Surveys;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CemOnPrem.Surveys.Definitions;

/// <summary>
/// Drafts: create, read, replace (If-Match), publish, delete. A body must parse and pass the size limits to be stored
/// (400 naming each field); the survey rules decide publishing (409 naming each field), checked against the packs
/// active then, and every draft answer lists what still breaks them.
/// </summary>
public static partial class SurveysApi
{
    private static readonly string[] JsonMediaTypes = ["application/json"];

    internal static async Task<Results<Ok<SurveyDraftView>, ProblemHttpResult>> GetDraftAsync(
        string key, SurveyDraftStore drafts, SurveyDefinitionRules rules, HttpContext http, CancellationToken cancellationToken)
    {
        if (PackSurveyRefusal(key) is { } refusal)
        {
            return refusal;
        }

        if (await drafts.FindAsync(key, cancellationToken).ConfigureAwait(false) is not { } draft)
        {
            return NoDraft(key);
        }

        SurveyDraftETags.Set(http, draft.Revision);
        return TypedResults.Ok(SurveyDraftView.Of(draft, rules.Check(draft.Survey)));
    }

    internal static async Task<Results<Created<SurveyDraftView>, ProblemHttpResult>> CreateDraftAsync(
        HttpRequest request, SurveyDraftStore drafts, SurveyDefinitionRules rules, ClaimsPrincipal user, TimeProvider time, CancellationToken cancellationToken)
    {
        var (survey, problem) = await ReadSurveyAsync(request, cancellationToken).ConfigureAwait(false);
        if (survey is null)
        {
            return problem!;
        }

        var outcome = await drafts.CreateAsync(survey, HttpAuditActor.Of(user).Id, cancellationToken).ConfigureAwait(false);
        if (outcome.Status == DraftStatus.Exists)
        {
            return Conflict($"Survey '{survey.Id}' has a draft already: edit it with PUT /api/v1/surveys/{survey.Id}/draft (If-Match), or delete it first.");
        }

        request.HttpContext.Items[CreatedKeyItem] = survey.Id;
        SurveyDraftETags.Set(request.HttpContext, outcome.Revision);
        var draft = new SurveyDraft(survey.Id, survey, outcome.Revision, time.GetUtcNow(), HttpAuditActor.Of(user).Id);
        return TypedResults.Created($"/api/v1/surveys/{survey.Id}/draft", SurveyDraftView.Of(draft, rules.Check(survey)));
    }

    internal static async Task<Results<Ok<SurveyDraftView>, ProblemHttpResult>> ReplaceDraftAsync(
        string key, HttpRequest request, SurveyDraftStore drafts, SurveyDefinitionRules rules, ClaimsPrincipal user, TimeProvider time, CancellationToken cancellationToken)
    {
        if (PackSurveyRefusal(key) is { } refusal)
        {
            return refusal;
        }

        var (expected, missing) = SurveyDraftETags.Expected(request.HttpContext);
        if (missing is not null)
        {
            return missing;
        }

        // As for cases: the draft exists (404) and is at the revision read (412) before the body is looked at.
        if (await drafts.FindAsync(key, cancellationToken).ConfigureAwait(false) is not { } current)
        {
            return NoDraft(key);
        }

        if (current.Revision != expected!.Value)
        {
            return SurveyDraftETags.Stale(current.Revision);
        }

        var (survey, problem) = await ReadSurveyAsync(request, cancellationToken).ConfigureAwait(false);
        if (survey is null)
        {
            return problem!;
        }

        if (survey.Id != key)
        {
            return Problem.Invalid("id", $"must stay '{Clip(key)}': a survey's id is its key (create a new survey for another id).");
        }

        var outcome = await drafts.ReplaceAsync(key, survey, expected!.Value, HttpAuditActor.Of(user).Id, cancellationToken).ConfigureAwait(false);
        return outcome.Status switch
        {
            DraftStatus.NotFound => NoDraft(key),
            DraftStatus.Stale => SurveyDraftETags.Stale(outcome.Revision),
            _ => Stored(request.HttpContext, new SurveyDraft(key, survey, outcome.Revision, time.GetUtcNow(), HttpAuditActor.Of(user).Id), rules),
        };
    }

    internal static async Task<Results<Ok<SurveyDetail>, ProblemHttpResult>> PublishAsync(
        string key, HttpContext http, SurveyDraftStore drafts, SurveyDefinitionRules rules, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (PackSurveyRefusal(key) is { } refusal)
        {
            return refusal;
        }

        var (expected, malformed) = SurveyDraftETags.Expected(http, required: false);
        if (malformed is not null)
        {
            return malformed;
        }

        var outcome = await drafts.PublishAsync(key, expected, rules.Check, HttpAuditActor.Of(user).Id, cancellationToken).ConfigureAwait(false);
        switch (outcome.Status)
        {
            case DraftStatus.NotFound:
                return NoDraft(key);
            case DraftStatus.Stale:
                return SurveyDraftETags.Stale(outcome.Revision);
            case DraftStatus.Invalid:
                return Problem.Invalid(new Dictionary<string, string[]>(outcome.Problems!), StatusCodes.Status409Conflict, ProblemTypes.Conflict);
            default:
                SurveyDraftETags.Set(http, outcome.Revision);
                return TypedResults.Ok(SurveyDetail.Of(outcome.Published!));
        }
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteDraftAsync(
        string key, HttpContext http, SurveyDraftStore drafts, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (PackSurveyRefusal(key) is { } refusal)
        {
            return refusal;
        }

        var (expected, missing) = SurveyDraftETags.Expected(http);
        if (missing is not null)
        {
            return missing;
        }

        var outcome = await drafts.DeleteAsync(key, expected!.Value, HttpAuditActor.Of(user).Id, cancellationToken).ConfigureAwait(false);
        return outcome.Status switch
        {
            DraftStatus.NotFound => NoDraft(key),
            DraftStatus.Stale => SurveyDraftETags.Stale(outcome.Revision),
            _ => TypedResults.NoContent(),
        };
    }

    /// <returns>
    /// The survey when the body is JSON within the size limit, parses and passes the limits (else the 400 naming each
    /// field); the survey rules are the publish check, so a draft may be saved half-written and shows its problems.
    /// </returns>
    private static async Task<(SurveyTemplate? Survey, ProblemHttpResult? Problem)> ReadSurveyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (body, _, tooLargeOrWrongType) = await RequestBody.ReadAsync(request, SurveyLimits.MaxBodyBytes, JsonMediaTypes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return (null, tooLargeOrWrongType);
        }

        if (JsonTextRules.FirstViolation(body) is { } text)
        {
            return (null, Problem.Invalid(text.Field, text.Error));
        }

        var (survey, field, error) = SurveyJson.Parse(body);
        if (survey is null)
        {
            return (null, Problem.Invalid(field!, error!));
        }

        var problems = SurveyDefinitionRules.Limits(survey);
        return problems.Count > 0 ? (null, Problem.Invalid(new Dictionary<string, string[]>(problems))) : (survey, null);
    }

    private static Ok<SurveyDraftView> Stored(HttpContext http, SurveyDraft draft, SurveyDefinitionRules rules)
    {
        SurveyDraftETags.Set(http, draft.Revision);
        return TypedResults.Ok(SurveyDraftView.Of(draft, rules.Check(draft.Survey)));
    }

    /// <summary>Pack surveys come from signed pack files; the API cannot change them (a 409 saying why), and a malformed key is simply not found.</summary>
    private static ProblemHttpResult? PackSurveyRefusal(string key) => SurveyKeys.Parse(key) switch
    {
        null => NoDraft(key),
        ({ } packId, _) => Conflict($"'{Clip(key)}' is a survey of pack '{packId}' and read-only here: it changes with a new version of the pack. To adapt it, create an admin-made survey (POST /api/v1/surveys) from its JSON with another id."),
        _ => null,
    };

    private static ProblemHttpResult NoDraft(string key) =>
        Problem.NotFound($"Survey '{Clip(key)}' has no draft; start one with POST /api/v1/surveys.");

    private static ProblemHttpResult Conflict(string detail) =>
        Problem.Of(StatusCodes.Status409Conflict, ProblemTypes.Conflict, "Not possible for this survey.", detail);
}
