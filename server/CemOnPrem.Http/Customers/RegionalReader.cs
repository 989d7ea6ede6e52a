using CemOnPrem.Contracts.Regions;
using CemOnPrem.Storage.Customers;
using CemOnPrem.Storage.Databases;
using CemOnPrem.Storage.Events;

namespace CemOnPrem.Http.Customers;

/// <summary>
/// Reads a region's database for the customer-level checks, wherever the region lives: through this node's own
/// connection when it serves the region, otherwise through <see cref="IRegionalReaderGrain"/> on one of the region's
/// own silos (this node has no connection to it). Callers never branch on which.
/// </summary>
public sealed class RegionalReader(RegionDatabases databases, EventLogReader log, IGrainFactory grains)
{
    /// <returns>The customer an external identity (already normalised) belongs to, or null.</returns>
    public async Task<string?> LookupAsync(string region, string type, string normalizedValue, CancellationToken cancellationToken) =>
        databases.IsKnown(region)
            ? await log.LookupAsync(region, type, normalizedValue, cancellationToken).ConfigureAwait(false)
            : await Remote(region).LookupAsync(type, normalizedValue).ConfigureAwait(false);

    /// <returns>Whether the customer has at least one event recorded at one of <paramref name="orgUnits"/>.</returns>
    public async Task<bool> CustomerHasEventsAtAsync(string region, string customerId, string[] orgUnits, CancellationToken cancellationToken) =>
        databases.IsKnown(region)
            ? await CustomerOrgUnits.HasEventsAtAsync(databases.For(region), customerId, orgUnits, cancellationToken).ConfigureAwait(false)
            : await Remote(region).CustomerHasEventsAtAsync(customerId, orgUnits).ConfigureAwait(false);

    private IRegionalReaderGrain Remote(string region) => grains.GetGrain<IRegionalReaderGrain>(RegionalReaders.KeyOf(region));
}
