
namespace CemOnPrem.Analytics.Projection;

/// <summary>
/// One region's remembered histories, least recently used first out once more than <c>capacityEvents</c> events are
/// held. Not thread-safe: <see cref="CustomerHistoryCache"/> locks it.
/// </summary>
internal sealed class RegionHistories(int capacityEvents)
{
    // Kinds, touchpoints and org units repeat across millions of rows: one string each (bounded, for odd data).
    private const int MaxPooledStrings = 50_000;
    private readonly Dictionary<string, LinkedListNode<Entry>> _byCustomer = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _recency = new();
    private readonly Dictionary<string, string> _pool = new(StringComparer.Ordinal);
    private long _watermark = -1;
    private long _erasures = -1;
    private long _generation;

    public long Events { get; private set; }

    /// <summary>
    /// Called as a cycle starts. Unless the cycle begins where this node's last committed cycle ended, someone else
    /// (another node, a reset, a restore) has moved the projection: copies that no stored row vouches for are no
    /// longer trusted. A new erasure count forgets everything.
    /// </summary>
    public void StartCycle(long watermark, long erasures)
    {
        NoteErasures(erasures);
        if (watermark != _watermark)
        {
            _generation++;
        }
    }

    /// <summary>A new erasure count (R0070): forget everything, so no erased customer's events stay in memory.</summary>
    public void NoteErasures(long erasures)
    {
        if (erasures != _erasures)
        {
            _byCustomer.Clear();
            _recency.Clear();
            Events = 0;
            _erasures = erasures;
        }
    }

    /// <summary>Called after a cycle committed: the next cycle of this node begins at <paramref name="watermark"/>.</summary>
    public void EndCycle(long watermark) => _watermark = watermark;

    /// <param name="storedBelow">The watermark the customer's stored row names, or null when it has none (it contributes nothing).</param>
    public bool TryGet(string customerId, long? storedBelow, out AnalyticsEventRow[] history)
    {
        if (_byCustomer.TryGetValue(customerId, out var node))
        {
            var entry = node.Value;
            if (storedBelow is { } below ? entry.DerivedBelow == below : entry.Generation == _generation)
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                history = entry.History;
                return true;
            }

            Remove(node);
        }

        history = [];
        return false;
    }

    public void Put(string customerId, long derivedBelow, IReadOnlyList<AnalyticsEventRow>? history)
    {
        if (_byCustomer.TryGetValue(customerId, out var old))
        {
            Remove(old);
        }

        // Nothing to save for a customer without events, and one larger than the whole cache would only evict the rest.
        if (history is null || history.Count == 0 || history.Count > capacityEvents)
        {
            return;
        }

        var key = old?.Value.CustomerId ?? customerId;
        var rows = new AnalyticsEventRow[history.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = Pooled(key, history[i]);
        }

        _byCustomer[key] = _recency.AddFirst(new Entry(key, derivedBelow, _generation, rows));
        Events += rows.Length;
        while (Events > capacityEvents && _recency.Last is { } oldest)
        {
            Remove(oldest);
        }
    }

    private void Remove(LinkedListNode<Entry> node)
    {
        _recency.Remove(node);
        _byCustomer.Remove(node.Value.CustomerId);
        Events -= node.Value.History.Length;
    }

    private AnalyticsEventRow Pooled(string customerId, AnalyticsEventRow row)
    {
        var kind = Pool(row.Kind);
        var touchpoint = row.Touchpoint is null ? null : Pool(row.Touchpoint);
        var orgUnit = row.OrgUnit is null ? null : Pool(row.OrgUnit);
        var scores = row.Scores == "{}" ? "{}" : row.Scores;
        var attributes = row.Attributes == "{}" ? "{}" : row.Attributes;
        return ReferenceEquals(customerId, row.CustomerId) && ReferenceEquals(kind, row.Kind) && ReferenceEquals(touchpoint, row.Touchpoint) &&
               ReferenceEquals(orgUnit, row.OrgUnit) && ReferenceEquals(scores, row.Scores) && ReferenceEquals(attributes, row.Attributes)
            ? row
            : row with { CustomerId = customerId, Kind = kind, Touchpoint = touchpoint, OrgUnit = orgUnit, Scores = scores, Attributes = attributes };
    }

    private string Pool(string value)
    {
        if (_pool.TryGetValue(value, out var pooled))
        {
            return pooled;
        }

        if (_pool.Count < MaxPooledStrings)
        {
            _pool[value] = value;
        }

        return value;
    }

    /// <param name="Generation">Trusted without a stored row only while this node's cycles have followed each other since it was made.</param>
    private sealed record Entry(string CustomerId, long DerivedBelow, long Generation, AnalyticsEventRow[] History);
}
