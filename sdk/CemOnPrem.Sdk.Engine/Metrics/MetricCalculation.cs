using CemOnPrem.Sdk.Metrics;

namespace CemOnPrem.Sdk.Engine.Metrics;

/// <summary>Computes one metric over a set of events, exactly (the reference a rollup must equal).</summary>
public sealed class MetricCalculation(MetricDefinition definition, IMetricCalculator? calculator = null)
{
    public MetricDefinition Definition { get; } = definition ?? throw new ArgumentNullException(nameof(definition));

    public MetricValue Compute(IReadOnlyList<PackEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return Definition.Kind switch
        {
            MetricKind.Nps => Nps(Scores(events, "nps")),
            MetricKind.Csat => Csat(Scores(events, "csat")),
            MetricKind.Ces => Ces(Scores(events, "ces")),
            MetricKind.Rate => Rate(events),
            MetricKind.DurationPercentile => Duration(events),
            MetricKind.Custom => Custom(events),
            _ => throw new NotSupportedException($"Metric kind {Definition.Kind} is not supported."),
        };
    }

    private List<double> Scores(IReadOnlyList<PackEvent> events, string defaultKey)
    {
        var key = Definition.ScoreKey ?? defaultKey;
        return [.. events.Where(e => Definition.Filter.Matches(e) && e.Scores.ContainsKey(key)).Select(e => e.Scores[key])];
    }

    private MetricValue Nps(List<double> scores)
    {
        var (value, low, high) = MetricFormulas.Nps(scores.Count(MetricFormulas.IsPromoter), scores.Count(MetricFormulas.IsDetractor), scores.Count);
        return new MetricValue(Definition.Id, value, scores.Count, low, high);
    }

    private MetricValue Csat(List<double> scores)
    {
        var (value, low, high) = MetricFormulas.Share(scores.Count(MetricFormulas.IsTopTwoBox), scores.Count);
        return new MetricValue(Definition.Id, value, scores.Count, low, high);
    }

    private MetricValue Ces(List<double> scores) => new(Definition.Id, MetricFormulas.Mean(scores.Sum(), scores.Count), scores.Count);

    private MetricValue Rate(IReadOnlyList<PackEvent> events)
    {
        var population = events.Where(e => (Definition.Denominator ?? Definition.Filter).Matches(e)).ToList();
        var hits = population.Count(e => Definition.Numerator.Matches(e));
        var (value, low, high) = MetricFormulas.Share(hits, population.Count);
        return new MetricValue(Definition.Id, value, population.Count, low, high);
    }

    /// <summary>
    /// Per customer, each "from" touchpoint pairs with the next "to" touchpoint after it; durations in
    /// hours. Only touchpoint events count (a survey answer about a touchpoint is not that touchpoint).
    /// </summary>
    private MetricValue Duration(IReadOnlyList<PackEvent> events)
    {
        var hours = new List<double>();
        foreach (var customer in events.GroupBy(e => e.CustomerKey, StringComparer.Ordinal))
        {
            DateTimeOffset? started = null;
            foreach (var e in customer.Where(e => e.Kind == EventKinds.Touchpoint).OrderBy(e => e.OccurredAt))
            {
                if (e.Touchpoint == Definition.FromTouchpoint && started is null)
                {
                    started = e.OccurredAt;
                }
                else if (e.Touchpoint == Definition.ToTouchpoint && started is { } from)
                {
                    hours.Add((e.OccurredAt - from).TotalHours);
                    started = null;
                }
            }
        }

        return new MetricValue(Definition.Id, MetricFormulas.Percentile(hours, Definition.Percentile ?? 50), hours.Count);
    }

    private MetricValue Custom(IReadOnlyList<PackEvent> events)
    {
        if (calculator is null)
        {
            throw new InvalidOperationException($"Custom metric '{Definition.Id}' has no calculator.");
        }

        double numerator = 0, denominator = 0;
        long n = 0;
        foreach (var customer in events.GroupBy(e => e.CustomerKey, StringComparer.Ordinal))
        {
            var ordered = customer.OrderBy(e => e.OccurredAt).ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                var history = ordered.Take(i).Reverse().ToList();
                if (calculator.Contribute(new MetricContext(ordered[i], history)) is { } contribution)
                {
                    numerator += contribution.Numerator;
                    denominator += contribution.Denominator;
                    n++;
                }
            }
        }

        return new MetricValue(Definition.Id, denominator == 0 ? null : numerator / denominator, n);
    }
}
