using CemOnPrem.Sdk.Metrics;

namespace CemOnPrem.Sdk.Packs;

/// <summary>
/// The entry point of a pack that contributes code. The host creates one instance (public parameterless
/// constructor) from <see cref="PackManifest.EntryAssembly"/>. Everything that is data stays in the pack's
/// JSON files.
/// </summary>
public interface IPackCode
{
    /// <summary>Calculators of the pack's <see cref="MetricKind.Custom"/> metrics.</summary>
    IReadOnlyList<IMetricCalculator> MetricCalculators { get; }
}
