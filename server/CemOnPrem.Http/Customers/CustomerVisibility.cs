using CemOnPrem.Http.OrgUnits;
using System.Security.Claims;
using CemOnPrem.Identity.Authorization;

namespace CemOnPrem.Http.Customers;

/// <summary>
/// Whether a caller may see a customer: the customer has at least one event recorded at an org unit in the
/// caller's subtrees. A customer that does not exist is "not visible" too, so a denial never tells whether
/// the customer exists in another scope.
/// </summary>
public sealed class CustomerVisibility(OrgTreeCache trees, RegionalReader reader)
{
    public async Task<bool> IsVisibleAsync(ClaimsPrincipal caller, string region, string customerId, CancellationToken cancellationToken)
    {
        var scope = CallerScope.Of(caller);
        if (!scope.HasRegion(region))
        {
            return false;
        }

        var snapshot = await trees.ForScopeAsync(scope.OrgUnits, cancellationToken).ConfigureAwait(false);
        var codes = snapshot.CodesUnder(scope.OrgUnits).ToArray();
        if (codes.Length == 0)
        {
            return false;
        }

        return await reader.CustomerHasEventsAtAsync(region, customerId, codes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The one answer for "not visible" and "does not exist".</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Denied(string region) =>
        AccessProblems.Forbidden([$"org-unit scope over the customer (region '{region}')"]);
}
