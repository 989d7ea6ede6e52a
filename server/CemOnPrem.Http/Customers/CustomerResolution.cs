using System.Security.Claims;
using CemOnPrem.Contracts.Customers;
using CemOnPrem.Contracts.Regions;

namespace CemOnPrem.Http.Customers;

/// <summary>
/// The one step every customer-level endpoint takes after <see cref="CustomerAddress.Check"/>: which customer owns
/// the address now (stitching may have merged it into a survivor), and whether the caller may see that owner.
/// The endpoint then answers <see cref="ResolvedCustomer.Denied"/>, <see cref="ResolvedCustomer.MovedTo"/> or its data.
/// </summary>
public sealed class CustomerResolution(IGrainFactory grains, CustomerVisibility visibility)
{
    /// <summary>
    /// Through the customer's grain, so any configured region (a region this node does not serve is read on one of
    /// its own silos); the result carries the customer view.
    /// </summary>
    public async Task<ResolvedCustomer> ResolveAsync(ClaimsPrincipal caller, string region, string customerId, CancellationToken cancellationToken)
    {
        var view = await grains.GetGrain<ICustomerGrain>(RegionalKey.Compose(region, customerId)).GetViewAsync().ConfigureAwait(false);
        return view is null
            ? new ResolvedCustomer(region, customerId, null, null, Visible: false)
            : await OwnedByAsync(caller, region, customerId, view.MergedInto ?? customerId, view, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// When the endpoint's own store already knows the owner (e.g. the consent ledger, which follows merges inside its
    /// transaction): only the visibility part of the step. <paramref name="owner"/> null means no such customer.
    /// </summary>
    public async Task<ResolvedCustomer> ResolveAsync(ClaimsPrincipal caller, string region, string customerId, string? owner, CancellationToken cancellationToken) =>
        owner is null
            ? new ResolvedCustomer(region, customerId, null, null, Visible: false)
            : await OwnedByAsync(caller, region, customerId, owner, null, cancellationToken).ConfigureAwait(false);

    // A merged customer's events belong to the survivor, so the survivor decides visibility.
    private async Task<ResolvedCustomer> OwnedByAsync(
        ClaimsPrincipal caller, string region, string customerId, string owner, CustomerView? view, CancellationToken cancellationToken) =>
        new(region, customerId, owner, view, await visibility.IsVisibleAsync(caller, region, owner, cancellationToken).ConfigureAwait(false));
}
