using CemOnPrem.Sdk.Metrics;
using CemOnPrem.Sdk.Packs;

namespace CemOnPrem.Packs.Insurance;

/// <summary>The insurance pack's code: only what its data cannot express.</summary>
public sealed class InsurancePack : IPackCode
{
    public IReadOnlyList<IMetricCalculator> MetricCalculators { get; } = [new ClaimsPaidWithinPromise()];
}
