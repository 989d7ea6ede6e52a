using CemOnPrem.Packs.Hosting;
using CemOnPrem.Sdk.Metrics;

namespace CemOnPrem.Analytics.Model;

/// <summary>Where the projector gets the journeys and metrics in force, and how it calls pack code for custom metrics.</summary>
public interface IAnalyticsModels
{
    AnalyticsModel Current { get; }

    Task<MetricContribution?> ContributeAsync(PackMetricCalculator calculator, MetricContext context, CancellationToken cancellationToken);
}
