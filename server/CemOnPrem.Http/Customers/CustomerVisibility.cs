using CemOnPrem.Storage.OrgUnits;
using System.Security.Claims;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Storage.Databases;
using CemOnPrem.Contracts.Regions;
using CemOnPrem.Storage.Customers;

namespace CemOnPrem.Http.Customers;

/// <summary>
/// Whether a caller may see a customer: the customer has at least one event recorded at an org unit in the
/// caller's subtrees. A customer that does not exist is "not visible" too, so a denial never tells whether
/// the customer exists in another scope.
/// </summary>
public sealed class CustomerVisibility(RegionDatabases regions, OrgTreeCache trees, IGrainFactory grains)
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

        // A region this node does not serve is asked through one of its own silos (this node has no connection to it).
        return regions.IsKnown(region)
            ? await CustomerOrgUnits.HasEventsAtAsync(regions.For(region), customerId, codes, cancellationToken).ConfigureAwait(false)
            : await grains.GetGrain<IRegionalReaderGrain>(RegionalReaders.KeyOf(region)).CustomerHasEventsAtAsync(customerId, codes).ConfigureAwait(false);
    }

    /// <summary>The one answer for "not visible" and "does not exist".</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Denied(string region) =>
        AccessProblems.Forbidden([$"org-unit scope over the customer (region '{region}')"]);
}
