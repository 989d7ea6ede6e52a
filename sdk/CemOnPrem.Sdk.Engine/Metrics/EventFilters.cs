using CemOnPrem.Sdk.Metrics;

namespace CemOnPrem.Sdk.Engine.Metrics;

/// <summary>Whether an event passes an <see cref="EventFilter"/>; a null filter passes everything.</summary>
public static class EventFilters
{
    public static bool Matches(this EventFilter? filter, PackEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (filter is null)
        {
            return true;
        }

        return (filter.Kind is null || filter.Kind == e.Kind) &&
               (filter.Touchpoints.Count == 0 || (e.Touchpoint is not null && filter.Touchpoints.Contains(e.Touchpoint))) &&
               (filter.HasScore is null || e.Scores.ContainsKey(filter.HasScore)) &&
               filter.Attributes.All(pair => e.Attributes.TryGetValue(pair.Key, out var value) && pair.Value.Contains(value));
    }
}
