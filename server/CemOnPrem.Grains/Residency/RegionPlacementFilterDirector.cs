using CemOnPrem.Storage.Clustering;
using CemOnPrem.Contracts.Regions;
using Orleans.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;

namespace CemOnPrem.Grains.Residency;

/// <summary>
/// Keeps only the candidate silos whose metadata says they serve the region named by the grain key. Orleans' own
/// metadata filters compare candidates with the <i>calling</i> silo, which cannot pin a customer to its region.
/// An empty result is never passed on (Orleans would then fall back to no silo or an unhelpful error): it becomes
/// <see cref="NoSiloServesRegionException"/>, which the API answers with 503 naming the region.
/// </summary>
public sealed class RegionPlacementFilterDirector(ISiloMetadataCache metadata) : IPlacementFilterDirector
{
    public IEnumerable<SiloAddress> Filter(PlacementFilterStrategy filterStrategy, PlacementTarget target, IEnumerable<SiloAddress> silos)
    {
        ArgumentNullException.ThrowIfNull(silos);
        var key = target.GrainIdentity.Key.ToString();
        if (key is null || !RegionalKey.TryGetRegion(key, out var region))
        {
            // A regional grain without a region in its key is a bug; refusing it beats activating it anywhere.
            throw new ArgumentException($"Grain {target.GrainIdentity} is region-placed but its key names no region ('{{region}}/...').");
        }

        var serving = silos.Where(silo => SiloRegions.Serves(metadata.GetSiloMetadata(silo), region)).ToList();
        return serving.Count > 0 ? serving : throw new NoSiloServesRegionException(region);
    }
}
