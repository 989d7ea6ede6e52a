using System.Security.Claims;
using CemOnPrem.Audit.Http;
using CemOnPrem.Audit.Records;
using CemOnPrem.Contracts.Problems;
using CemOnPrem.Http.Customers;
using CemOnPrem.Http.OrgUnits;
using CemOnPrem.Http.Problems;
using CemOnPrem.Http.Residency;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Surveys.Distribution;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenIddict.Abstractions;

namespace CemOnPrem.Surveys.Invitations;

/// <summary>
/// <c>POST /api/v1/surveys/{surveyKey}/invitations</c> (an invitation for a customer, by hand) and
/// <c>GET /api/v1/surveys/invitations/{id}</c>. Agents and admins with a declared purpose (policy
/// <see cref="CemPolicies.CasesWrite"/>), within their regions and org-unit subtrees; customer-level, so audited with
/// the customer. Skipping the frequency cap is for admins only and shows in the audit record's resource.
/// </summary>
public static class InvitationsApi
{
    public const string CreateAction = "survey.invitation-create";
    public const string ReadAction = "survey.invitation-read";
    private const string SubjectItem = "cem.survey.invitation.subject";
    private const string ResourceItem = "cem.survey.invitation.resource";

    public static RouteGroupBuilder MapInvitationsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/surveys").WithTags("Surveys").RequireAuthorization(CemPolicies.CasesWrite);
        group.MapPost("/{surveyKey}/invitations", CreateAsync).WithName("CreateSurveyInvitation")
            .WithSummary("Invite a customer to a survey by hand; the answer carries the link (shown once).")
            .Audited(CreateAction, Subject, http => http.Items[ResourceItem] as string ?? "survey-invitation");
        group.MapGet("/invitations/{id:guid}", GetAsync).WithName("GetSurveyInvitation").WithSummary("An invitation's status and timestamps (never its link).")
            .Audited(ReadAction, Subject, http => "survey-invitation/" + http.GetRouteValue("id"));
        return group;
    }

    internal static async Task<Results<Created<CreatedInvitationResponse>, ProblemHttpResult>> CreateAsync(
        string surveyKey, ManualInvitationBody? body, NodeRegions nodes, RegionRouting routing, OrgTreeCache trees, CustomerVisibility visibility,
        ManualInvitations manual, ClaimsPrincipal user, HttpContext http, CancellationToken cancellationToken)
    {
        if (ManualInvitationChecks.BodyProblem(body, nodes) is { } invalid)
        {
            return invalid;
        }

        var region = body!.Region!;
        if (routing.ForWrite(region) is { } misdirected)
        {
            return misdirected;
        }

        var scope = CallerScope.Of(user);
        var tree = await trees.ForScopeAsync([.. scope.OrgUnits, body.OrgUnit!], cancellationToken).ConfigureAwait(false);
        if (!tree.Contains(body.OrgUnit!))
        {
            return Problem.Invalid("orgUnit", $"'{body.OrgUnit}' is not an org unit.", StatusCodes.Status422UnprocessableEntity, ProblemTypes.UnknownOrgUnit);
        }

        if (!scope.HasRegion(region) || !tree.IsWithin(body.OrgUnit!, scope.OrgUnits))
        {
            return AccessProblems.Forbidden([$"region '{region}' and org-unit scope over '{body.OrgUnit}'"]);
        }

        var ignoreCap = body.IgnoreFrequencyCap == true;
        if (ignoreCap && !user.HasClaim(OpenIddictConstants.Claims.Role, CemRoles.Admin))
        {
            return AccessProblems.Forbidden(["the role admin (to ignore the frequency cap)"]);
        }

        // A customer the caller cannot see and one that does not exist get the same answer.
        if (!await visibility.IsVisibleAsync(user, region, body.CustomerId!, cancellationToken).ConfigureAwait(false))
        {
            return Problem.Invalid("customerId", "names no customer in your scope in that region.", StatusCodes.Status422UnprocessableEntity);
        }

        http.Items[SubjectItem] = new AuditSubject(region, body.CustomerId!);
        var request = new ManualInvitation(region, surveyKey, body.CustomerId!, body.OrgUnit, body.Language, body.Channel ?? ChannelChoice.Link,
            body.ExpiresInDays, ignoreCap, "user:" + HttpAuditActor.Of(user).Id);
        if (await manual.CreateAsync(request, cancellationToken).ConfigureAwait(false) is not { } result)
        {
            return Problem.NotFound($"No published survey '{surveyKey}'.");
        }

        if (result.Created is not { } created)
        {
            return Problem.Invalid(result.Field!, result.Error!, StatusCodes.Status422UnprocessableEntity);
        }

        http.Items[ResourceItem] = $"survey-invitation/{created.InvitationId}" + (ignoreCap ? "+ignore-frequency-cap" : "");
        var draft = created.Draft;
        return TypedResults.Created($"/api/v1/surveys/invitations/{created.InvitationId}", new CreatedInvitationResponse(created.InvitationId, region,
            draft.SurveyKey, draft.SurveyVersion, result.Status, result.Reason, draft.Channel, draft.Language, draft.SendAfter, draft.ExpiresAt,
            created.Link.Length > 0 ? created.Link : null));
    }

    internal static async Task<Results<Ok<InvitationStatusResponse>, ProblemHttpResult>> GetAsync(
        Guid id, NodeRegions nodes, OrgTreeCache trees, InvitationStatusReader reader, ClaimsPrincipal user, HttpContext http, CancellationToken cancellationToken)
    {
        var found = await reader.FindAsync(nodes.Served, id, cancellationToken).ConfigureAwait(false);
        var scope = CallerScope.Of(user);
        if (found is null || !scope.HasRegion(found.Region))
        {
            return Problem.NotFound("No such invitation.");
        }

        var tree = await trees.ForScopeAsync(scope.OrgUnits, cancellationToken).ConfigureAwait(false);
        // An invitation without an org unit (a journey's trigger) is the bank's as a whole: admins only.
        if (found.OrgUnit is { } unit ? !tree.IsWithin(unit, scope.OrgUnits) : !user.HasClaim(OpenIddictConstants.Claims.Role, CemRoles.Admin))
        {
            return AccessProblems.Forbidden([$"org-unit scope over the invitation's org unit"]);
        }

        if (found.CustomerId is { } customerId)
        {
            http.Items[SubjectItem] = new AuditSubject(found.Region, customerId);
        }

        return TypedResults.Ok(found);
    }

    private static AuditSubject? Subject(HttpContext http, object? value) => http.Items.TryGetValue(SubjectItem, out var subject) ? subject as AuditSubject : null;
}
