using CemOnPrem.Packs.Hosting;
using CemOnPrem.Sdk.Metrics;

namespace CemOnPrem.Analytics.Model;

/// <summary>
/// The model for the packs active right now (rebuilt only when the set of active packs changes); custom metrics
/// are computed through the pack host's invoker, so a slow or throwing pack is cut off and disabled.
/// </summary>
public sealed class AnalyticsModelSource(PackRegistry registry, PackInvoker invoker) : IAnalyticsModels
{
    private (IReadOnlyList<ActivePack> Packs, AnalyticsModel Model)? _current;

    public AnalyticsModel Current
    {
        get
        {
            var packs = registry.ActivePacks;
            var current = _current;
            if (current is { } cached && ReferenceEquals(cached.Packs, packs))
            {
                return cached.Model;
            }

            var model = new AnalyticsModel(packs.Select(p => p.Content), packs.SelectMany(p => p.Calculators));
            _current = (packs, model);
            return model;
        }
    }

    public async Task<MetricContribution?> ContributeAsync(PackMetricCalculator calculator, MetricContext context, CancellationToken cancellationToken)
    {
        var result = await invoker.ContributeAsync(calculator, context, cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? result.Value : null;
    }
}
