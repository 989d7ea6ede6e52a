using CemOnPrem.Sdk.Metrics;
using CemOnPrem.Sdk.Packs;

namespace CemOnPrem.TestPacks.Throwing;

/// <summary>
/// The pack's entry point. A marker file next to the assembly makes it misbehave at load:
/// <c>throw-at-load</c> (the constructor throws) or <c>hang-at-load</c> (the constructor sleeps 30 s).
/// </summary>
public sealed class ThrowingPackCode : IPackCode
{
    public ThrowingPackCode()
    {
        var folder = Path.GetDirectoryName(typeof(ThrowingPackCode).Assembly.Location) ?? ".";
        if (File.Exists(Path.Combine(folder, "throw-at-load")))
        {
            throw new InvalidOperationException("test pack asked to fail at load");
        }

        if (File.Exists(Path.Combine(folder, "hang-at-load")))
        {
            Thread.Sleep(TimeSpan.FromSeconds(30));
        }
    }

    public IReadOnlyList<IMetricCalculator> MetricCalculators { get; } = [new BehaviourCalculator()];
}
