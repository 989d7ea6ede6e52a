using System.Collections.Concurrent;

namespace CemOnPrem.Cases.Calendars;

/// <summary>
/// The calendars clocks are planned on. A region's calendar changes rarely and every case transition asks for it, so it
/// is read through this cache: this node's writes invalidate it at once, another node's are seen within
/// <see cref="ReloadAfter"/>. A region without a stored calendar gets <see cref="WorkingCalendar.Default"/>.
/// </summary>
public sealed class CalendarCache(CalendarStore store, TimeProvider time)
{
    public static readonly TimeSpan ReloadAfter = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    // Bumped by every invalidation: a load that started before a write must not put the old calendar back.
    private long _generation;

    public async Task<WorkingCalendar> GetAsync(string region, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(region, out var entry) && now - entry.LoadedAt < ReloadAfter)
        {
            return entry.Calendar;
        }

        var generation = Interlocked.Read(ref _generation);
        var calendar = await store.FindAsync(region, cancellationToken).ConfigureAwait(false) ?? WorkingCalendar.Default(region);
        if (Interlocked.Read(ref _generation) == generation)
        {
            _entries[region] = new Entry(calendar, now);
        }

        return calendar;
    }

    /// <summary>After this node wrote the region's calendar: the next read loads it.</summary>
    public void Invalidate(string region)
    {
        Interlocked.Increment(ref _generation);
        _entries.TryRemove(region, out _);
    }

    private sealed record Entry(WorkingCalendar Calendar, DateTimeOffset LoadedAt);
}
