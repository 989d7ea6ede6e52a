using System.Globalization;
using CemOnPrem.Analytics.Model;
using CemOnPrem.Analytics.Queries;
using CemOnPrem.Analytics.Rollups;
using CemOnPrem.Sdk;
using CemOnPrem.Sdk.Engine.Metrics;
using CemOnPrem.Sdk.Engine.Rules;
using CemOnPrem.Sdk.Metrics;

namespace CemOnPrem.Cases.Rules;

/// <summary>
/// The firings of metric rules in one region: each rule's metric per org unit (the unit its events were recorded at)
/// over the rolling window ending today, read from the rollups by the Analytics module's own reader and turned into a
/// value by its own formulas (<see cref="MetricValueOf"/>: the number the metrics API shows), judged by the SDK
/// engine with the rule's minimum sample. Origin key <c>{pack}/{rule}/metric:{unit}:{bucket start}</c>: windows are
/// cut into fixed buckets from the Unix epoch, so a rule firing on every evaluation names one firing per bucket.
/// </summary>
public sealed class MetricFirings(RollupReader rollups, IAnalyticsModels models)
{
    public async Task<IReadOnlyList<RuleFiring>> FindAsync(string region, IReadOnlyList<PackRule> rules, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var firings = new List<RuleFiring>();
        var model = models.Current;
        foreach (var rule in rules)
        {
            if (rule.Rule.Trigger.Metric is not { } threshold || model.FindMetric(threshold.Metric) is not { } metric ||
                Durations.ParseOrNull(threshold.Window) is not { } window || window <= TimeSpan.Zero)
            {
                continue; // not a metric rule, or its metric is not served (the pack loader checks both)
            }

            var to = DateOnly.FromDateTime(now.UtcDateTime);
            var from = to.AddDays(1 - Math.Max(1, (int)Math.Ceiling(window.TotalDays)));
            var query = new RollupQuery(metric.Id, from, to, null, null, TimeGrain.None, ByStage: false,
                WithSums: metric.Kind is MetricKind.Ces or MetricKind.Custom, WithHistogram: metric.Kind == MetricKind.DurationPercentile);
            var bucket = new DateTimeOffset(now.UtcTicks / window.Ticks * window.Ticks, TimeSpan.Zero);
            foreach (var row in await rollups.ReadAsync(region, query, cancellationToken).ConfigureAwait(false))
            {
                var (value, low, high) = MetricValueOf.Compute(metric, row.Values);
                if (!rule.Rule.FiresOn(new MetricValue(metric.Id, value, row.Values.N, low, high)))
                {
                    continue;
                }

                var key = string.Create(CultureInfo.InvariantCulture, $"{rule.Name}/metric:{row.OrgUnit}:{bucket:yyyy-MM-ddTHH:mm:ssZ}");
                firings.Add(new RuleFiring(rule, key, null, row.OrgUnit, now, []));
            }
        }

        return firings;
    }
}
