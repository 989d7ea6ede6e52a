using System.Collections.Concurrent;

namespace CemOnPrem.Grains.Customers;

/// <summary>
/// The customer grains with a live projection in this process, by grain key (<c>{region}/{customerId}</c>).
/// The region writer notifies only these after a commit: a customer whose grain is not active catches up
/// from its checkpoint when it is next activated, so waking it just to say "new events" would cost an
/// activation and four queries per customer for a projection nobody is reading, on the ingest hot path.
/// </summary>
public sealed class ActiveCustomerProjections
{
    private readonly ConcurrentDictionary<string, byte> _keys = new(StringComparer.Ordinal);

    public int Count => _keys.Count;

    public bool Contains(string grainKey) => _keys.ContainsKey(grainKey);

    internal void Add(string grainKey) => _keys.TryAdd(grainKey, 0);

    internal void Remove(string grainKey) => _keys.TryRemove(grainKey, out _);
}
