using System.Security.Claims;
using CemOnPrem.Audit.Http;
using CemOnPrem.Audit.Records;
using CemOnPrem.Contracts.Cases;
using CemOnPrem.Contracts.Regions;
using CemOnPrem.Http.Problems;
using CemOnPrem.Http.Residency;
using CemOnPrem.Identity.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CemOnPrem.Cases.Handling;

/// <summary>
/// <c>/api/v1/cases</c>: the inbox, a case's detail, manual opening and the edits (docs/cases.md, "Handling a case").
/// Policies <see cref="CemPolicies.CasesRead"/> and <see cref="CemPolicies.CasesWrite"/>; each handler then checks
/// the case's queue unit against the caller's org-unit subtrees. Every call is audited with the case's customer.
/// </summary>
public static partial class CasesApi
{
    public static RouteGroupBuilder MapCasesEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/cases").WithTags("Cases");
        group.MapGet("/", InboxAsync).WithName("ListCases").WithSummary("The inbox: cases in the caller's org-unit scope, newest first, with filters.")
            .RequireAuthorization(CemPolicies.CasesRead).Audited(AuditActions.CaseList);
        group.MapPost("/", OpenAsync).WithName("OpenCase").WithSummary("Open a case by hand (e.g. from a customer's timeline).")
            .RequireAuthorization(CemPolicies.CasesWrite).Audited(AuditActions.CaseOpen, CaseAccess.Subject);
        group.MapGet("/{region}/{caseId}", GetAsync).WithName("GetCase").WithSummary("A case with its clocks and history.")
            .RequireAuthorization(CemPolicies.CasesRead).Audited(AuditActions.CaseRead, CaseAccess.Subject).ResidencyChecked(TransferCategories.Cases);
        group.MapPost("/{region}/{caseId}/transitions", TransitionAsync).WithName("TransitionCase").WithSummary("Move a case to another state (If-Match).")
            .RequireAuthorization(CemPolicies.CasesWrite).Audited(AuditActions.CaseTransition, CaseAccess.Subject).ServedRegionOnly();
        group.MapPost("/{region}/{caseId}/assign", AssignAsync).WithName("AssignCase").WithSummary("Assign a case to a person, or back to its queue (If-Match).")
            .RequireAuthorization(CemPolicies.CasesWrite).Audited(AuditActions.CaseAssign, CaseAccess.Subject).ServedRegionOnly();
        group.MapPost("/{region}/{caseId}/notes", NoteAsync).WithName("AddCaseNote").WithSummary("Add a note to a case (If-Match).")
            .RequireAuthorization(CemPolicies.CasesWrite).Audited(AuditActions.CaseNote, CaseAccess.Subject).ServedRegionOnly();
        group.MapPut("/{region}/{caseId}/root-cause", RootCauseAsync).WithName("SetCaseRootCause").WithSummary("Record a case's root cause (If-Match).")
            .RequireAuthorization(CemPolicies.CasesWrite).Audited(AuditActions.CaseRootCause, CaseAccess.Subject).ServedRegionOnly();
        return group;
    }

    internal static async Task<Results<Ok<CaseDetailResponse>, ProblemHttpResult>> GetAsync(
        string region, string caseId, NodeRegions regions, IGrainFactory grains, CaseAccess access, ClaimsPrincipal user, HttpContext http,
        CancellationToken cancellationToken)
    {
        var (view, problem) = await FindAsync(region, caseId, regions, grains, access, user, http, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var full = CaseAccess.SeesCustomer(user, http)
            ? await grains.GetGrain<ICaseGrain>(RegionalKey.Compose(region, caseId)).GetAsync(withPersonalText: true).ConfigureAwait(false) ?? view!
            : view!;
        CaseETags.Set(http, full.Version);
        return TypedResults.Ok(Shown(full, user, http));
    }

    /// <summary>The case if it exists and is the caller's (without personal text); else 404 or 403.</summary>
    private static async Task<(CaseView? View, ProblemHttpResult? Problem)> FindAsync(string region, string caseId, NodeRegions regions, IGrainFactory grains,
        CaseAccess access, ClaimsPrincipal user, HttpContext http, CancellationToken cancellationToken)
    {
        if (!regions.IsConfigured(region))
        {
            return (null, Problem.NotFound($"Region '{region}' is not configured; configured: {string.Join(", ", regions.Configured)}."));
        }

        if (!CaseIds.IsWellFormed(caseId))
        {
            return (null, Problem.NotFound($"No case '{caseId}' in region '{region}'."));
        }

        var view = await grains.GetGrain<ICaseGrain>(RegionalKey.Compose(region, caseId)).GetAsync(withPersonalText: false).ConfigureAwait(false);
        if (view is null)
        {
            return (null, Problem.NotFound($"No case '{caseId}' in region '{region}'."));
        }

        if (!await access.InScopeAsync(user, region, view.QueueUnit, cancellationToken).ConfigureAwait(false))
        {
            return (null, CaseAccess.OutOfScope(region));
        }

        CaseAccess.RememberSubject(http, view);
        return (view, null);
    }

    private static CaseDetailResponse Shown(CaseView view, ClaimsPrincipal user, HttpContext http)
    {
        if (CaseAccess.SeesCustomer(user, http))
        {
            return new CaseDetailResponse(view, view.CustomerId is { } id ? $"/api/v1/customers/{view.Region}/{id}" : null, CustomerFieldsWithheld: false);
        }

        var withheld = view with
        {
            CustomerId = null,
            RootCauseText = null,
            Resolution = view.Resolution is { } r ? r with { Summary = null } : null,
            History = [.. view.History.Select(h => h with { Text = null })],
        };
        return new CaseDetailResponse(withheld, null, CustomerFieldsWithheld: view.CustomerId is not null || view.History.Any(h => h.Text is not null));
    }
}
