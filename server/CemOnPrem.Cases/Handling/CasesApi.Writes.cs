using System.Security.Claims;
using CemOnPrem.Contracts.Cases;
using CemOnPrem.Contracts.Regions;
using CemOnPrem.Contracts.Text;
using CemOnPrem.Http.Problems;
using CemOnPrem.Http.Residency;
using CemOnPrem.Sdk;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CemOnPrem.Cases.Handling;

/// <summary>The edits: each checks If-Match, the caller's scope over the case, then its body, then asks the case grain.</summary>
public static partial class CasesApi
{
    public const int MaxTextLength = 4000;

    internal static Task<Results<Ok<CaseDetailResponse>, ProblemHttpResult>> TransitionAsync(string region, string caseId, TransitionBody? body,
        NodeRegions regions, IGrainFactory grains, CaseAccess access, ClaimsPrincipal user, HttpContext http, TimeProvider time, CancellationToken cancellationToken) =>
        EditAsync(region, caseId, regions, grains, access, user, http, (view, version) =>
        {
            if (body?.To is not { } to || !CaseStates.All.Contains(to, StringComparer.Ordinal))
            {
                return Task.FromResult<(ProblemHttpResult?, Func<ICaseGrain, Task<CaseEditResult>>?)>(
                    (Problem.Invalid("to", $"is required: one of {string.Join(", ", CaseStates.All)}."), null));
            }

            CaseResolution? resolution = null;
            if (body.Resolution is { } r)
            {
                if (ResolutionProblem(r, time) is { } bad)
                {
                    return Task.FromResult<(ProblemHttpResult?, Func<ICaseGrain, Task<CaseEditResult>>?)>((bad, null));
                }

                resolution = new CaseResolution(r.Channel!, r.At!.Value, r.Outcome!, string.IsNullOrWhiteSpace(r.Summary) ? null : r.Summary);
            }

            var edit = new CaseTransitionEdit(version, CaseAccess.Actor(user), to, resolution);
            return Task.FromResult<(ProblemHttpResult?, Func<ICaseGrain, Task<CaseEditResult>>?)>((null, grain => grain.TransitionAsync(edit)));
        }, cancellationToken);

    internal static Task<Results<Ok<CaseDetailResponse>, ProblemHttpResult>> AssignAsync(string region, string caseId, AssignBody? body,
        NodeRegions regions, IGrainFactory grains, CaseAccess access, CaseAssignees assignees, ClaimsPrincipal user, HttpContext http, CancellationToken cancellationToken) =>
        EditAsync(region, caseId, regions, grains, access, user, http, async (view, version) =>
        {
            if (body is null)
            {
                return (Problem.Invalid("assignee", "is required: a user name, or null to put the case back in its queue."), null);
            }

            if (body.Assignee is { } name && await assignees.CheckAsync(name, region, view.QueueUnit, cancellationToken).ConfigureAwait(false) is { } why)
            {
                return (Problem.Invalid("assignee", why, StatusCodes.Status422UnprocessableEntity), null);
            }

            var edit = new CaseAssignEdit(version, CaseAccess.Actor(user), body.Assignee);
            return (null, grain => grain.AssignAsync(edit));
        }, cancellationToken);

    internal static Task<Results<Ok<CaseDetailResponse>, ProblemHttpResult>> NoteAsync(string region, string caseId, NoteBody? body,
        NodeRegions regions, IGrainFactory grains, CaseAccess access, ClaimsPrincipal user, HttpContext http, CancellationToken cancellationToken) =>
        EditAsync(region, caseId, regions, grains, access, user, http, (view, version) =>
        {
            if (string.IsNullOrWhiteSpace(body?.Text) || body.Text.Length > MaxTextLength || InputText.CheckFreeText(body.Text) is not null)
            {
                return Task.FromResult<(ProblemHttpResult?, Func<ICaseGrain, Task<CaseEditResult>>?)>(
                    (Problem.Invalid("text", $"is required: 1-{MaxTextLength} characters of text (no control characters)."), null));
            }

            var edit = new CaseNoteEdit(version, CaseAccess.Actor(user), body.Text);
            return Task.FromResult<(ProblemHttpResult?, Func<ICaseGrain, Task<CaseEditResult>>?)>((null, grain => grain.AddNoteAsync(edit)));
        }, cancellationToken);

    internal static Task<Results<Ok<CaseDetailResponse>, ProblemHttpResult>> RootCauseAsync(string region, string caseId, RootCauseBody? body,
        NodeRegions regions, IGrainFactory grains, CaseAccess access, CaseRuleLookup rules, ClaimsPrincipal user, HttpContext http, CancellationToken cancellationToken) =>
        EditAsync(region, caseId, regions, grains, access, user, http, (view, version) =>
        {
            (ProblemHttpResult?, Func<ICaseGrain, Task<CaseEditResult>>?) Fail(string field, string message, int status = StatusCodes.Status400BadRequest) =>
                (Problem.Invalid(field, message, status), null);
            if (body is null || (body.Code is null && body.Text is null))
            {
                return Task.FromResult(Fail("code", "give a root-cause code, a text, or both."));
            }

            if (body.Text is { } text && (text.Length is 0 or > MaxTextLength || InputText.CheckFreeText(text) is not null))
            {
                return Task.FromResult(Fail("text", $"must be 1-{MaxTextLength} characters of text (no control characters)."));
            }

            if (body.Code is { } code && rules.RootCauseProblem(view.PackId, view.RuleId, code) is { } why)
            {
                return Task.FromResult(Fail("code", why, StatusCodes.Status422UnprocessableEntity));
            }

            var edit = new CaseRootCauseEdit(version, CaseAccess.Actor(user), body.Code, body.Text);
            return Task.FromResult<(ProblemHttpResult?, Func<ICaseGrain, Task<CaseEditResult>>?)>((null, grain => grain.SetRootCauseAsync(edit)));
        }, cancellationToken);

    /// <summary>
    /// The order every edit follows: If-Match present (428), the case exists (404) and is the caller's (403), its version
    /// is the one the caller read (412), the body (400/422), then the grain's edit (which re-checks the version).
    /// </summary>
    private static async Task<Results<Ok<CaseDetailResponse>, ProblemHttpResult>> EditAsync(string region, string caseId, NodeRegions regions,
        IGrainFactory grains, CaseAccess access, ClaimsPrincipal user, HttpContext http,
        Func<CaseView, int, Task<(ProblemHttpResult? Problem, Func<ICaseGrain, Task<CaseEditResult>>? Edit)>> prepare, CancellationToken cancellationToken)
    {
        var (expected, missing) = CaseETags.Expected(http);
        if (missing is not null)
        {
            return missing;
        }

        var (view, problem) = await FindAsync(region, caseId, regions, grains, access, user, http, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (view!.Version != expected)
        {
            return CaseETags.Stale(view.Version);
        }

        var (invalid, edit) = await prepare(view, expected).ConfigureAwait(false);
        if (invalid is not null)
        {
            return invalid;
        }

        var grain = grains.GetGrain<ICaseGrain>(RegionalKey.Compose(region, caseId));
        var result = await edit!(grain).ConfigureAwait(false);
        if (result.Status != CaseEditStatus.Applied)
        {
            return CaseETags.Refused(result);
        }

        var after = await grain.GetAsync(CaseAccess.SeesCustomer(user, http)).ConfigureAwait(false);
        CaseETags.Set(http, after!.Version);
        return TypedResults.Ok(Shown(after, user, http));
    }

    private static ProblemHttpResult? ResolutionProblem(ResolutionBody r, TimeProvider time)
    {
        if (!Codes.IsValid(r.Channel))
        {
            return Problem.Invalid("resolution.channel", $"is required (e.g. phone, email, branch-visit) and {Codes.Rule}.");
        }

        if (r.At is not { } at || at > time.GetUtcNow().AddMinutes(5))
        {
            return Problem.Invalid("resolution.at", "is required: when the customer was contacted (ISO 8601, not in the future).");
        }

        if (!Codes.IsValid(r.Outcome))
        {
            return Problem.Invalid("resolution.outcome", $"is required (e.g. resolved-in-favour, explained, compensated) and {Codes.Rule}.");
        }

        return r.Summary is { Length: > MaxTextLength } || (r.Summary is { } s && InputText.CheckFreeText(s) is not null)
            ? Problem.Invalid("resolution.summary", $"must be at most {MaxTextLength} characters of text (no control characters).")
            : null;
    }
}
