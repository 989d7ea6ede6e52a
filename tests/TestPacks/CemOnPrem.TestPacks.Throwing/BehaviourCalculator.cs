using System.Globalization;
using CemOnPrem.Sdk.Metrics;

namespace CemOnPrem.TestPacks.Throwing;

/// <summary>
/// Metric <c>behaviour</c>: the event's <c>behaviour</c> attribute decides what happens — <c>throw</c>
/// throws, <c>sleep</c> sleeps for <c>sleepMs</c> milliseconds (default 5000) and then answers, anything
/// else answers (1, 1).
/// </summary>
public sealed class BehaviourCalculator : IMetricCalculator
{
    public const string Id = "behaviour";

    public string MetricId => Id;

    public MetricContribution? Contribute(MetricContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Current.Attributes.TryGetValue("behaviour", out var behaviour);
        switch (behaviour)
        {
            case "throw":
                throw new InvalidOperationException("test calculator asked to throw");
            case "sleep":
                var sleep = context.Current.Attributes.TryGetValue("sleepMs", out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : 5000;
                Thread.Sleep(sleep);
                return new MetricContribution(1, 1);
            default:
                return new MetricContribution(1, 1);
        }
    }
}
