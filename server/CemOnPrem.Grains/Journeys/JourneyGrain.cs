using CemOnPrem.Contracts.Journeys;
using CemOnPrem.Grains.Residency;
using CemOnPrem.Analytics.Journeys;

namespace CemOnPrem.Grains.Journeys;

/// <summary>
/// One journey instance. Its stages are derived by the region's analytics projector (set-based, exactly once,
/// see docs/architecture.md); the grain reads the current derivation on every call, so it is never staler
/// than the projection.
/// </summary>
[RegionPlacementFilter] // activates only on silos that serve the region in its key
[GrainType("journey")] // pinned: grain ids use it; a class rename must not change it
public sealed class JourneyGrain(JourneyStore journeys) : Grain, IJourneyGrain
{
    public async Task<JourneyView?> GetAsync()
    {
        var (region, customerId, templateId, instance) = JourneyKey.Split(this.GetPrimaryKeyString());
        var row = await journeys.FindAsync(region, customerId, templateId, instance, CancellationToken.None).ConfigureAwait(true);
        return row is null ? null : JourneyViews.From(row);
    }
}
