using Orleans.Placement;

namespace CemOnPrem.Grains.Residency;

/// <summary>
/// Put on every grain keyed <c>{region}/...</c>: its activations may only be placed on silos that serve that region
/// (<see cref="RegionPlacementFilterDirector"/>). Without it a regional grain could activate on any silo.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class RegionPlacementFilterAttribute() : PlacementFilterAttribute(new RegionPlacementFilterStrategy());
