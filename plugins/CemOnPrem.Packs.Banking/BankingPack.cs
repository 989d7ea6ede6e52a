using CemOnPrem.Sdk.Metrics;
using CemOnPrem.Sdk.Packs;

namespace CemOnPrem.Packs.Banking;

/// <summary>The banking pack's code: only what its data cannot express.</summary>
public sealed class BankingPack : IPackCode
{
    public IReadOnlyList<IMetricCalculator> MetricCalculators { get; } = [new FirstContactResolution()];
}
