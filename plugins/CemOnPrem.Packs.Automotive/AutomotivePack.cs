using CemOnPrem.Sdk.Metrics;
using CemOnPrem.Sdk.Packs;

namespace CemOnPrem.Packs.Automotive;

/// <summary>The automotive pack's code: only what its data cannot express.</summary>
public sealed class AutomotivePack : IPackCode
{
    public IReadOnlyList<IMetricCalculator> MetricCalculators { get; } = [new ServiceRetention()];
}
