namespace CemOnPrem.Sdk.Metrics;

/// <summary>
/// The two questions every custom metric calculator asks of events: "is this the touchpoint I count?" and "which
/// earlier events fall inside my window?". One place for both, so no calculator forgets that a survey answer carrying
/// a touchpoint code is not that touchpoint.
/// </summary>
public static class PackEventQueries
{
    /// <summary>
    /// True when the event is a touchpoint event (<see cref="EventKinds.Touchpoint"/>) for one of
    /// <paramref name="touchpoints"/>. A feedback event that carries the code of the touchpoint that sent the survey
    /// is an answer, not the touchpoint itself, so it is false.
    /// </summary>
    /// <param name="packEvent">The event.</param>
    /// <param name="touchpoints">The touchpoint codes that count.</param>
    /// <returns>Whether the event is one of those touchpoints.</returns>
    public static bool IsTouchpoint(this PackEvent packEvent, params ReadOnlySpan<string> touchpoints)
    {
        ArgumentNullException.ThrowIfNull(packEvent);
        return packEvent.Kind == EventKinds.Touchpoint && packEvent.Touchpoint is { } touchpoint && touchpoints.Contains(touchpoint);
    }

    /// <summary>
    /// The customer's earlier events at most <paramref name="window"/> before the current event (inclusive: an event
    /// exactly <paramref name="window"/> earlier is inside), in history order (newest first).
    /// </summary>
    /// <param name="context">The current event and its history.</param>
    /// <param name="window">How far back to look.</param>
    /// <returns>The earlier events inside the window.</returns>
    public static IEnumerable<PackEvent> HistoryWithin(this MetricContext context, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(context);
        var current = context.Current.OccurredAt;
        return context.History.Where(earlier => current - earlier.OccurredAt <= window);
    }
}
