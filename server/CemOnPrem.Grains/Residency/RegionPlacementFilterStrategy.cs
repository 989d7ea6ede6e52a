using Orleans.Placement;

namespace CemOnPrem.Grains.Residency;

/// <summary>The placement filter of regional grains; the work is done by <see cref="RegionPlacementFilterDirector"/>.</summary>
public sealed class RegionPlacementFilterStrategy() : PlacementFilterStrategy(order: 0);
