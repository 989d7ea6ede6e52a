using CemOnPrem.Packs.Hosting;
using CemOnPrem.Sdk.Engine.Journeys;
using CemOnPrem.Sdk.Metrics;
using CemOnPrem.Sdk.Packs;

namespace CemOnPrem.Analytics.Model;

/// <summary>
/// The journeys and metrics in force: the built-in score metrics plus what the active packs define. Ids are
/// global; when two packs define the same id the first pack (by id) wins and the clash is listed in
/// <see cref="Clashes"/>, so the numbers never silently mix two definitions.
/// </summary>
public sealed class AnalyticsModel
{
    private readonly Dictionary<string, JourneyMachine> _journeys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MetricDefinition> _metrics = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PackMetricCalculator> _calculators = new(StringComparer.Ordinal);
    private readonly List<string> _clashes = [];

    public AnalyticsModel(IEnumerable<PackContent> packs, IEnumerable<PackMetricCalculator> calculators)
    {
        ArgumentNullException.ThrowIfNull(packs);
        ArgumentNullException.ThrowIfNull(calculators);
        foreach (var metric in BuiltInMetrics.Scores)
        {
            _metrics[metric.Id] = metric;
        }

        var calculatorsByPack = calculators.ToLookup(c => c.PackId, StringComparer.Ordinal);
        foreach (var pack in packs.OrderBy(p => p.Manifest.Id, StringComparer.Ordinal))
        {
            foreach (var template in pack.Journeys)
            {
                if (!_journeys.TryAdd(template.Id, new JourneyMachine(template)))
                {
                    _clashes.Add($"journey '{template.Id}' of pack '{pack.Manifest.Id}'");
                }
            }

            foreach (var metric in pack.Metrics)
            {
                if (BuiltInMetrics.IsJourneyMeasure(metric.Id) || !_metrics.TryAdd(metric.Id, metric))
                {
                    _clashes.Add($"metric '{metric.Id}' of pack '{pack.Manifest.Id}'");
                    continue;
                }

                if (calculatorsByPack[pack.Manifest.Id].FirstOrDefault(c => c.MetricId == metric.Id) is { } calculator)
                {
                    _calculators[metric.Id] = calculator;
                }
            }
        }
    }

    public static AnalyticsModel Empty { get; } = new([], []);

    public IReadOnlyCollection<JourneyMachine> Journeys => _journeys.Values;

    public IReadOnlyCollection<MetricDefinition> Metrics => _metrics.Values;

    public IReadOnlyList<string> Clashes => _clashes;

    public JourneyMachine? FindJourney(string templateId) => _journeys.GetValueOrDefault(templateId);

    public MetricDefinition? FindMetric(string metricId) => _metrics.GetValueOrDefault(metricId);

    public PackMetricCalculator? CalculatorOf(string metricId) => _calculators.GetValueOrDefault(metricId);
}
