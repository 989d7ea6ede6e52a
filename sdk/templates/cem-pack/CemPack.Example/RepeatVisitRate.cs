using CemOnPrem.Sdk.Metrics;

namespace CemPack.Example;

/// <summary>Share of check-ins that come within 30 days of the customer's previous check-in (a sign the first visit did not solve it).</summary>
public sealed class RepeatVisitRate : IMetricCalculator
{
    private static readonly TimeSpan Window = TimeSpan.FromDays(30);

    public string MetricId => "repeat-visit-rate";

    public MetricContribution? Contribute(MetricContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // IsTouchpoint is false for a survey answer that carries the touchpoint's code: an answer is not a visit.
        if (!context.Current.IsTouchpoint("visit-checked-in"))
        {
            return null;
        }

        var repeat = context.HistoryWithin(Window).Any(e => e.IsTouchpoint("visit-checked-in"));
        return new MetricContribution(repeat ? 100 : 0, 1);
    }
}
