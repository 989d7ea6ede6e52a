using CemOnPrem.Sdk.Metrics;

namespace CemOnPrem.Packs.Banking;

/// <summary>
/// First-contact resolution: the share of closed service contacts that were not a repeat — no earlier
/// contact of the same customer on the same topic within the previous 7 days. A contact is the
/// <c>service-contact-closed</c> touchpoint (branch, call centre, chat) with a <c>topic</c> attribute; survey answers
/// that carry this touchpoint are not contacts.
/// </summary>
public sealed class FirstContactResolution : IMetricCalculator
{
    public const string ContactClosed = "service-contact-closed";
    private static readonly TimeSpan RepeatWindow = TimeSpan.FromDays(7);

    public string MetricId => "first-contact-resolution";

    public MetricContribution? Contribute(MetricContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var current = context.Current;
        if (!current.IsTouchpoint(ContactClosed) || !current.Attributes.TryGetValue("topic", out var topic))
        {
            return null;
        }

        var repeat = context.HistoryWithin(RepeatWindow).Any(earlier =>
            earlier.IsTouchpoint(ContactClosed) &&
            earlier.Attributes.TryGetValue("topic", out var earlierTopic) && earlierTopic == topic);
        // × 100 so the value reads as a percentage like the built-in rates.
        return new MetricContribution(repeat ? 0 : 100, 1);
    }
}
