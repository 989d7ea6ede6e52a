using System.Security.Claims;
using CemOnPrem.Audit.Http;
using CemOnPrem.Audit.Records;
using CemOnPrem.Http.Customers;
using CemOnPrem.Http.OrgUnits;
using CemOnPrem.Identity.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CemOnPrem.Surveys.Responses;

/// <summary>
/// Who may read responses beyond the policy (<see cref="CemPolicies.CustomerRead"/>): the <c>case-handling</c> purpose,
/// the region in the caller's scope, and the customer visible to them (an event at one of their org units) — or, for a
/// response without a customer, its org unit within their subtrees.
/// </summary>
internal sealed class SurveyResponseAccess(CustomerVisibility visibility, OrgTreeCache trees)
{
    public const string Purpose = "case-handling";
    private const string SubjectItem = "cem.survey-response.subject";

    public static ProblemHttpResult? RequirePurpose(HttpContext http) =>
        http.Request.Headers[CemPolicies.PurposeHeader].ToString() == Purpose
            ? null
            : AccessProblems.Forbidden([$"the '{Purpose}' purpose in {CemPolicies.PurposeHeader}"]);

    public Task<bool> SeesCustomerAsync(ClaimsPrincipal user, string region, string customerId, CancellationToken cancellationToken) =>
        visibility.IsVisibleAsync(user, region, customerId, cancellationToken);

    public async Task<bool> SeesAsync(ClaimsPrincipal user, SurveyResponseView response, CancellationToken cancellationToken)
    {
        if (response.CustomerId is { } customerId)
        {
            return await visibility.IsVisibleAsync(user, response.Region, customerId, cancellationToken).ConfigureAwait(false);
        }

        var scope = CallerScope.Of(user);
        if (response.OrgUnit is not { } orgUnit || !scope.HasRegion(response.Region))
        {
            return false;
        }

        var tree = await trees.ForScopeAsync(scope.OrgUnits, cancellationToken).ConfigureAwait(false);
        return tree.IsWithin(orgUnit, scope.OrgUnits);
    }

    public static void RememberSubject(HttpContext http, string region, string? customerId)
    {
        if (customerId is not null)
        {
            http.Items[SubjectItem] = new AuditSubject(region, customerId);
        }
    }

    /// <summary>For <c>.Audited(...)</c>: the customer whose responses the request touched.</summary>
    public static AuditSubject? Subject(HttpContext http, object? value) => http.Items.TryGetValue(SubjectItem, out var subject) ? subject as AuditSubject : null;
}
