namespace CemOnPrem.Contracts.Cases;

/// <summary>What <see cref="ICaseClockGrain.ArmAsync"/> did.</summary>
/// <param name="ArmedVersion">The <c>clocks_version</c> the reminder now follows; 0 when the case does not exist.</param>
/// <param name="NextAt">When the reminder fires next; null when nothing is pending (the reminder was removed).</param>
[GenerateSerializer, Immutable]
[Alias("cem.case-clock-arming")]
public sealed record CaseClockArming([property: Id(0)] int ArmedVersion, [property: Id(1)] DateTimeOffset? NextAt);
