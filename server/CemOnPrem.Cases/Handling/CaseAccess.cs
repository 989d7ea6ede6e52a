using System.Security.Claims;
using CemOnPrem.Audit.Http;
using CemOnPrem.Audit.Records;
using CemOnPrem.Contracts.Cases;
using CemOnPrem.Http.OrgUnits;
using CemOnPrem.Identity.Authorization;
using OpenIddict.Abstractions;

namespace CemOnPrem.Cases.Handling;

/// <summary>
/// Who may see and touch a case beyond the policy: its queue unit in the caller's org-unit subtrees and its region in
/// the caller's regions; customer fields and personal text only for agents and admins declaring <c>case-handling</c>.
/// </summary>
internal sealed class CaseAccess(OrgTreeCache trees)
{
    public const string HandlingPurpose = "case-handling";
    private const string SubjectItem = "cem.case.subject";

    public async Task<bool> InScopeAsync(ClaimsPrincipal user, string region, string queueUnit, CancellationToken cancellationToken)
    {
        var scope = CallerScope.Of(user);
        if (!scope.HasRegion(region))
        {
            return false;
        }

        var tree = await trees.ForScopeAsync(scope.OrgUnits, cancellationToken).ConfigureAwait(false);
        return tree.IsWithin(queueUnit, scope.OrgUnits);
    }

    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult OutOfScope(string region) =>
        AccessProblems.Forbidden([$"org-unit scope over the case's queue unit (region '{region}')"]);

    /// <summary>Customer id, link and personal text: the case-handling purpose, as an agent or admin (analysts never).</summary>
    public static bool SeesCustomer(ClaimsPrincipal user, HttpContext http) =>
        http.Request.Headers[CemPolicies.PurposeHeader].ToString() == HandlingPurpose
        && (user.HasClaim(OpenIddictConstants.Claims.Role, CemRoles.Agent) || user.HasClaim(OpenIddictConstants.Claims.Role, CemRoles.Admin));

    /// <summary>The name cases record for a person (their user name), or the audit actor id of a client.</summary>
    public static string Actor(ClaimsPrincipal user) => user.FindFirst(OpenIddictConstants.Claims.Name)?.Value ?? HttpAuditActor.Of(user).Id;

    /// <summary>Remembers the case's customer for the audit record (even when the answer withholds it).</summary>
    public static void RememberSubject(HttpContext http, CaseView view)
    {
        if (view.CustomerId is { } customerId)
        {
            http.Items[SubjectItem] = new AuditSubject(view.Region, customerId);
        }
    }

    /// <summary>For <c>.Audited(...)</c>: the customer of the case the request touched.</summary>
    public static AuditSubject? Subject(HttpContext http, object? value) => http.Items.TryGetValue(SubjectItem, out var subject) ? subject as AuditSubject : null;
}
