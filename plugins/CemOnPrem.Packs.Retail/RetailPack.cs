using CemOnPrem.Sdk.Metrics;
using CemOnPrem.Sdk.Packs;

namespace CemOnPrem.Packs.Retail;

/// <summary>The retail pack's code: only what its data cannot express.</summary>
public sealed class RetailPack : IPackCode
{
    public IReadOnlyList<IMetricCalculator> MetricCalculators { get; } = [new RepurchaseRate()];
}
