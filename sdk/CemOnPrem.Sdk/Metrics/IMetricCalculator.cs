namespace CemOnPrem.Sdk.Metrics;

/// <summary>
/// Code for a <see cref="MetricKind.Custom"/> metric. For each event the engine asks for the event's
/// contribution — a numerator and a denominator — given the customer's earlier events; the metric's
/// value for any group is Σ numerator ÷ Σ denominator. Contributions must be pure and fast: the host
/// calls them with a timeout and disables a pack that throws or hangs.
/// </summary>
public interface IMetricCalculator
{
    /// <summary>The <see cref="MetricDefinition.Id"/> this calculator computes.</summary>
    string MetricId { get; }

    /// <summary>The event's contribution, or null when the event does not count for this metric.</summary>
    /// <param name="context">The event and the customer's history.</param>
    /// <returns>The contribution, or null.</returns>
    MetricContribution? Contribute(MetricContext context);
}

/// <summary>An event and the same customer's earlier events (newest first, at most the last 400 days or 500 events).</summary>
/// <param name="Current">The event being counted.</param>
/// <param name="History">Earlier events of the same customer, newest first.</param>
public sealed record MetricContext(PackEvent Current, IReadOnlyList<PackEvent> History);

/// <summary>What one event adds to a custom metric.</summary>
/// <param name="Numerator">Added to the numerator.</param>
/// <param name="Denominator">Added to the denominator (usually 1).</param>
public readonly record struct MetricContribution(double Numerator, double Denominator);
