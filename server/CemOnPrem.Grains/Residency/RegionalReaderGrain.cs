using CemOnPrem.Contracts.Regions;
using CemOnPrem.Storage.Customers;
using CemOnPrem.Storage.Databases;
using CemOnPrem.Storage.Events;
using Orleans.Concurrency;

namespace CemOnPrem.Grains.Residency;

/// <summary>Runs a remote node's small reads inside the region (see <see cref="IRegionalReaderGrain"/>); holds no state.</summary>
[RegionPlacementFilter] // activates only on silos that serve the region in its key
[Reentrant] // independent reads: no reason to queue them behind each other
[GrainType("regional-reader")] // pinned: grain ids use it
public sealed class RegionalReaderGrain(RegionDatabases regions, EventLogReader log) : Grain, IRegionalReaderGrain
{
    private string Region => RegionalKey.Split(this.GetPrimaryKeyString()).Region;

    public Task<bool> CustomerHasEventsAtAsync(string customerId, string[] orgUnits) =>
        CustomerOrgUnits.HasEventsAtAsync(regions.For(Region), customerId, orgUnits, CancellationToken.None);

    public Task<string?> LookupAsync(string type, string normalizedValue) =>
        log.LookupAsync(Region, type, normalizedValue, CancellationToken.None);
}
