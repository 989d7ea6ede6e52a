using System.Security.Claims;
using System.Text.RegularExpressions;
using CemOnPrem.Audit.Http;
using CemOnPrem.Contracts.Problems;
using CemOnPrem.Http.Customers;
using CemOnPrem.Http.Masking;
using CemOnPrem.Http.Problems;
using CemOnPrem.Http.Residency;
using CemOnPrem.Identity.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CemOnPrem.Surveys.Responses;

/// <summary>
/// <c>/api/v1/surveys/responses</c> (docs/surveys.md, "Responses and what they feed"): a customer's responses and one
/// response, for agents and compliance under the <c>case-handling</c> purpose (policy <see cref="CemPolicies.CustomerRead"/>,
/// then <see cref="SurveyResponseAccess"/>), every read audited with the customer; and answers submitted by an
/// integrator's client for an invitation token (policy <see cref="CemPolicies.Ingest"/>).
/// </summary>
public static partial class SurveyResponsesApi
{
    public static RouteGroupBuilder MapSurveyResponsesEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/surveys/responses").WithTags("Surveys");
        group.MapGet("/", ListAsync).WithName("ListSurveyResponses").WithSummary("A customer's survey responses with their answers.")
            .RequireAuthorization(CemPolicies.CustomerRead).Audited(SurveyResponseAuditActions.List, SurveyResponseAccess.Subject);
        group.MapGet("/{responseId}", GetAsync).WithName("GetSurveyResponse").WithSummary("One survey response with its answers.")
            .RequireAuthorization(CemPolicies.CustomerRead).Audited(SurveyResponseAuditActions.Read, SurveyResponseAccess.Subject);
        group.MapPost("/", SubmitAsync).WithName("SubmitSurveyResponse").WithSummary("Save or finish the answers to an invitation, by its token.")
            .RequireAuthorization(CemPolicies.Ingest).Audited(SurveyResponseAuditActions.Submit, SurveyResponseAccess.Subject);
        return group;
    }

    internal static async Task<Results<Ok<IReadOnlyList<SurveyResponseView>>, ProblemHttpResult>> ListAsync(
        string? customerId, string? region, NodeRegions regions, SurveyResponseReader reader, SurveyResponseAccess access, CustomerMasking masking,
        ClaimsPrincipal user, HttpContext http, CancellationToken cancellationToken)
    {
        if (SurveyResponseAccess.RequirePurpose(http) is { } noPurpose)
        {
            return noPurpose;
        }

        if (customerId is null || !CustomerIdShape().IsMatch(customerId))
        {
            return Problem.Invalid("customerId", "is required: a customer id such as c-0123… (letters, digits, '-', '_'; at most 64).");
        }

        if (region is not null && !regions.IsConfigured(region))
        {
            return Problem.Invalid("region", $"is not a configured region; configured: {string.Join(", ", regions.Configured)}.");
        }

        var scope = CallerScope.Of(user);
        var searched = (region is null ? regions.Served : [region]).Where(scope.HasRegion).ToList();
        if (region is not null && searched.Count == 0)
        {
            return AccessProblems.Forbidden([$"scope over region '{region}'"]);
        }

        if (searched.FirstOrDefault(r => !regions.IsServedHere(r)) is { } elsewhere)
        {
            return Problem.Of(StatusCodes.Status421MisdirectedRequest, ProblemTypes.RegionNotServedHere, "Region not served here.",
                $"Region '{elsewhere}' is not served by this node; ask a node of that region.");
        }

        var withText = masking.LevelFor(user, SurveyResponseAccess.Purpose) != MaskLevel.Pseudonymous;
        var found = new List<SurveyResponseView>();
        var visible = false;
        foreach (var candidate in searched)
        {
            if (await access.SeesCustomerAsync(user, candidate, customerId, cancellationToken).ConfigureAwait(false))
            {
                visible = true;
                SurveyResponseAccess.RememberSubject(http, candidate, customerId);
                found.AddRange(await reader.ForCustomerAsync(candidate, customerId, withText, cancellationToken).ConfigureAwait(false));
            }
        }

        // "Not yours" and "no such customer" get the same answer, as everywhere customer-level.
        return visible ? TypedResults.Ok<IReadOnlyList<SurveyResponseView>>(found) : CustomerVisibility.Denied(region ?? string.Join(", ", searched));
    }

    internal static async Task<Results<Ok<SurveyResponseView>, ProblemHttpResult>> GetAsync(
        string responseId, NodeRegions regions, SurveyResponseReader reader, SurveyResponseAccess access, CustomerMasking masking,
        ClaimsPrincipal user, HttpContext http, CancellationToken cancellationToken)
    {
        if (SurveyResponseAccess.RequirePurpose(http) is { } noPurpose)
        {
            return noPurpose;
        }

        if (!Guid.TryParse(responseId, out var id))
        {
            return Problem.NotFound($"No survey response '{Shorten(responseId)}'.");
        }

        var scope = CallerScope.Of(user);
        var withText = masking.LevelFor(user, SurveyResponseAccess.Purpose) != MaskLevel.Pseudonymous;
        foreach (var region in regions.Served.Where(scope.HasRegion))
        {
            if (await reader.FindAsync(region, id, withText, cancellationToken).ConfigureAwait(false) is not { } response)
            {
                continue;
            }

            SurveyResponseAccess.RememberSubject(http, region, response.CustomerId);
            return await access.SeesAsync(user, response, cancellationToken).ConfigureAwait(false)
                ? TypedResults.Ok(response)
                : AccessProblems.Forbidden([$"org-unit scope over the response's customer (region '{region}')"]);
        }

        return Problem.NotFound($"No survey response '{id}' in the regions of your scope served here.");
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,64}\z")]
    private static partial Regex CustomerIdShape();
}
