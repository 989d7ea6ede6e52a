using CemOnPrem.Storage.Clustering;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace CemOnPrem.Grains.Residency;

public static class RegionPlacementSetup
{
    /// <summary>
    /// Publishes the regions this silo serves as silo metadata and registers the region placement filter, so
    /// grains marked <see cref="RegionPlacementFilterAttribute"/> activate only on silos of their region.
    /// </summary>
    public static ISiloBuilder UseCemRegionPlacement(this ISiloBuilder silo, IEnumerable<string> servedRegions)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.UseSiloMetadata(new Dictionary<string, string> { [SiloRegions.MetadataKey] = SiloRegions.Format(servedRegions) });
        silo.Services.AddPlacementFilter<RegionPlacementFilterStrategy, RegionPlacementFilterDirector>(ServiceLifetime.Singleton);
        return silo;
    }
}
