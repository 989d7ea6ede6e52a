using CemOnPrem.Contracts.Customers;

namespace CemOnPrem.Grains.Customers;

/// <summary>
/// The persisted part of a customer grain: a projection of the event log up to <see cref="Checkpoint"/>.
/// Persisted lazily: losing it costs a re-read of the log, never data. It holds no personal data (it is stored
/// unencrypted in <c>grain_state</c>): the recent events of the view are read, decrypted, from the log on demand.
/// </summary>
public sealed class CustomerProjection
{
    public const int RecentLimit = 20;

    /// <summary>Highest event sequence applied.</summary>
    public long Checkpoint { get; set; }

    /// <summary>The customer row's epoch this projection was built for; a different epoch means stitching moved rows.</summary>
    public int Epoch { get; set; }

    public long EventCount { get; set; }

    public DateTimeOffset? FirstEventAt { get; set; }

    public DateTimeOffset? LastEventAt { get; set; }

    public Dictionary<string, LatestScore> LatestScores { get; set; } = new(StringComparer.Ordinal);

    public void Apply(TimelineEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Checkpoint = Math.Max(Checkpoint, entry.Sequence);
        EventCount++;
        FirstEventAt = FirstEventAt is null || entry.OccurredAt < FirstEventAt ? entry.OccurredAt : FirstEventAt;
        LastEventAt = LastEventAt is null || entry.OccurredAt > LastEventAt ? entry.OccurredAt : LastEventAt;
        foreach (var (key, value) in entry.Scores)
        {
            // Events may arrive out of order: the latest score is the one that happened last, not the one received last.
            if (!LatestScores.TryGetValue(key, out var current) || IsLater(entry.OccurredAt, entry.Sequence, current.OccurredAt, current.Sequence))
            {
                LatestScores[key] = new LatestScore(key, value, entry.OccurredAt, entry.Touchpoint, entry.Sequence);
            }
        }
    }

    public void Reset()
    {
        Checkpoint = 0;
        EventCount = 0;
        FirstEventAt = null;
        LastEventAt = null;
        LatestScores.Clear();
    }

    private static bool IsLater(DateTimeOffset at, long sequence, DateTimeOffset otherAt, long otherSequence) =>
        at > otherAt || (at == otherAt && sequence > otherSequence);
}
