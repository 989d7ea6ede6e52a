
namespace CemOnPrem.Analytics.Projection;

/// <summary>
/// The event histories this node last derived customers from, kept in memory (least recently used out, bounded by
/// events), so that a cycle reads only the new events of a customer it has seen instead of the whole history — that
/// read was the projector's largest cost and grew with the log (docs/performance.md, sixth session).
/// <para>
/// A customer created in the cycle's range has nothing below the watermark to read. A copy is never used for a
/// customer re-stamped in the cycle's range (merged away, consent changed, events rectified). Otherwise it is trusted
/// when the customer's stored row names the watermark the copy was made below: whatever changes a history below the
/// watermark re-derives the customer (a new row watermark) or deletes the row. A customer without a row (it
/// contributes nothing) is trusted only while this node's cycles have followed each other since the copy was made.
/// An erasure in the region forgets all copies. Copies are kept only after commit.
/// </para>
/// </summary>
public sealed class CustomerHistoryCache(int capacityEvents)
{
    private readonly Dictionary<string, RegionHistories> _regions = new(StringComparer.Ordinal);

    /// <summary>Events held now, over all regions.</summary>
    public long Events
    {
        get
        {
            lock (_regions)
            {
                return _regions.Values.Sum(region => region.Events);
            }
        }
    }

    /// <summary>Called as a cycle starts, before anything is read (see <see cref="RegionHistories.StartCycle"/>).</summary>
    public void StartCycle(ProjectionCycle cycle)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        var region = RegionOf(cycle.Region);
        lock (region)
        {
            region.StartCycle(cycle.Watermark, cycle.Erasures);
        }
    }

    /// <summary>True when this node holds histories of <paramref name="region"/> that an erasure should make it forget.</summary>
    public bool Holds(string region)
    {
        lock (_regions)
        {
            return _regions.TryGetValue(region, out var histories) && histories.Events > 0;
        }
    }

    /// <summary>For a node that cannot run a cycle now (another holds the region): forgets the region if it had an erasure.</summary>
    public void NoteErasures(string region, long erasures)
    {
        var histories = RegionOf(region);
        lock (histories)
        {
            histories.NoteErasures(erasures);
        }
    }

    /// <summary>
    /// The whole histories (below the cycle's new watermark) of the cycle's customers: the part below the watermark
    /// from memory where it can vouch for it, else from the log; the cycle's range from the log.
    /// </summary>
    public async Task<CycleHistories> ReadAsync(ProjectionCycle cycle, IReadOnlyDictionary<string, StoredContribution> stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(stored);
        var remembered = new Dictionary<string, AnalyticsEventRow[]>(StringComparer.Ordinal);
        var unknown = new List<string>();
        var region = RegionOf(cycle.Region);
        lock (region)
        {
            foreach (var customerId in cycle.CustomerIds)
            {
                if (cycle.Created.Contains(customerId))
                {
                    continue; // nothing below the watermark (R0071)
                }

                if (!cycle.Restamped.Contains(customerId) && CanCheck(stored, customerId, out var below) && region.TryGet(customerId, below, out var history))
                {
                    remembered[customerId] = history;
                }
                else
                {
                    unknown.Add(customerId);
                }
            }
        }

        // history = (events below the watermark: the copy, or read) + (the cycle's range: read for everyone at once)
        var fresh = await cycle.ReadNewEventsAsync(cancellationToken).ConfigureAwait(false);
        var earlier = await cycle.ReadEarlierEventsAsync(unknown, cancellationToken).ConfigureAwait(false);
        var histories = new Dictionary<string, List<AnalyticsEventRow>>(cycle.CustomerIds.Count, StringComparer.Ordinal);
        foreach (var customerId in cycle.CustomerIds)
        {
            IReadOnlyList<AnalyticsEventRow> before = remembered.TryGetValue(customerId, out var copy) ? copy : earlier.GetValueOrDefault(customerId) ?? [];
            var history = Combine(before, fresh.GetValueOrDefault(customerId));
            if (history.Count > 0)
            {
                histories[customerId] = history;
            }
        }

        return new CycleHistories(histories, remembered.Count);
    }

    /// <returns>False for a row of an older version (no watermark): a copy cannot be checked against it.</returns>
    private static bool CanCheck(IReadOnlyDictionary<string, StoredContribution> stored, string customerId, out long? below)
    {
        below = null;
        if (!stored.TryGetValue(customerId, out var row))
        {
            return true;
        }

        below = row.DerivedBelow;
        return below is not null;
    }

    /// <summary>Keeps the histories a committed cycle derived its customers from.</summary>
    public void Remember(ProjectionCycle cycle, IReadOnlyDictionary<string, List<AnalyticsEventRow>> histories)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(histories);
        if (capacityEvents == 0)
        {
            return;
        }

        var region = RegionOf(cycle.Region);
        lock (region)
        {
            foreach (var customerId in cycle.CustomerIds)
            {
                region.Put(customerId, cycle.NewWatermark, histories.GetValueOrDefault(customerId));
            }

            region.EndCycle(cycle.NewWatermark);
        }
    }

    /// <summary>Earlier rows first, then the cycle's new ones, in log order; a row read again replaces its copy.</summary>
    private static List<AnalyticsEventRow> Combine(IReadOnlyList<AnalyticsEventRow> history, List<AnalyticsEventRow>? fresh)
    {
        var combined = new List<AnalyticsEventRow>(history.Count + (fresh?.Count ?? 0));
        combined.AddRange(history);
        if (fresh is null or { Count: 0 })
        {
            return combined;
        }

        if (history.Count == 0 || fresh[0].Sequence > history[^1].Sequence)
        {
            combined.AddRange(fresh);
            return combined;
        }

        // Events moved here by a merge keep their sequence numbers: interleave by sequence.
        var bySequence = new SortedDictionary<long, AnalyticsEventRow>();
        foreach (var row in combined.Concat(fresh))
        {
            bySequence[row.Sequence] = row;
        }

        return [.. bySequence.Values];
    }

    private RegionHistories RegionOf(string region)
    {
        lock (_regions)
        {
            if (!_regions.TryGetValue(region, out var histories))
            {
                histories = new RegionHistories(capacityEvents);
                _regions[region] = histories;
            }

            return histories;
        }
    }
}

/// <summary>The histories of one cycle's customers, and how many of them came from memory.</summary>
public sealed record CycleHistories(Dictionary<string, List<AnalyticsEventRow>> Histories, int FromMemory);
