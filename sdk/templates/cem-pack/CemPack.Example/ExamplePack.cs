using CemOnPrem.Sdk.Metrics;
using CemOnPrem.Sdk.Packs;

namespace CemPack.Example;

/// <summary>The pack's code. Keep data in the JSON folders; put here only what needs code.</summary>
public sealed class ExamplePack : IPackCode
{
    public IReadOnlyList<IMetricCalculator> MetricCalculators { get; } = [new RepeatVisitRate()];
}
