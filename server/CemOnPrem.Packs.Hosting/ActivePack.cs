using CemOnPrem.Sdk.Metrics;
using CemOnPrem.Sdk.Packs;

namespace CemOnPrem.Packs.Hosting;

/// <summary>A pack whose content and code the engines may use now.</summary>
/// <param name="Content">The manifest and data content.</param>
/// <param name="Calculators">Calculators of the pack's custom metrics; call them through <see cref="PackInvoker"/>.</param>
public sealed record ActivePack(PackContent Content, IReadOnlyList<PackMetricCalculator> Calculators)
{
    /// <summary>The pack id.</summary>
    public string Id => Content.Manifest.Id;
}

/// <summary>A custom metric's calculator and the pack it belongs to. Never call <see cref="Calculator"/> directly: use <see cref="PackInvoker"/>.</summary>
/// <param name="PackId">The pack.</param>
/// <param name="MetricId">The metric (read once at load; pack code is not asked again).</param>
/// <param name="Calculator">The pack's calculator.</param>
public sealed record PackMetricCalculator(string PackId, string MetricId, IMetricCalculator Calculator);
