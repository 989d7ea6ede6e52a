using CemOnPrem.Packs.Hosting;
using CemOnPrem.Sdk.Metrics;
using CemOnPrem.Sdk.Packs;

namespace CemOnPrem.Packs.Tests;

/// <summary>A shipped pack as the real host loaded it: its content and the calculators of its code.</summary>
internal sealed record LoadedPack(PackContent Content, IPackCode? Code)
{
    public static LoadedPack From(string project)
    {
        var manifestId = Sdk.Packs.PackContentReader.ReadManifest(PackFolders.OutputOf(project)).Id;
        var active = HostedPacks.Registry.ActivePacks.SingleOrDefault(p => p.Id == manifestId)
            ?? throw new InvalidOperationException(
                $"The host did not activate {manifestId}: {HostedPacks.Registry.Find(manifestId)?.StatusReason ?? "not found"}.");
        return new LoadedPack(active.Content, active.Calculators.Count == 0 ? null : new HostedCode(active.Calculators));
    }

    /// <summary>The pack's calculators as the host holds them, presented to the kit as the pack's code.</summary>
    private sealed class HostedCode(IReadOnlyList<PackMetricCalculator> calculators) : IPackCode
    {
        public IReadOnlyList<IMetricCalculator> MetricCalculators { get; } = [.. calculators.Select(c => c.Calculator)];
    }
}
