using System.Collections.Concurrent;

namespace CemOnPrem.Storage.Encryption;

/// <summary>
/// A size-bounded cache of unwrapped keys: when full it starts over (simple, and a bound is what matters — an
/// unbounded key cache would hold every customer's key in memory). A miss costs one unwrap.
/// </summary>
/// <remarks>
/// The size is kept in a counter of additions since the last clear (an upper bound of the real count): asking a
/// <see cref="ConcurrentDictionary{TKey, TValue}"/> for its <c>Count</c> takes every one of its locks, and on the ingest
/// path (a key per new customer) that serialised the writers.
/// </remarks>
internal sealed class BoundedCache<TKey, TValue>(int capacity) where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _entries = new();
    private int _added;

    public int Count => _entries.Count;

    public bool TryGet(TKey key, out TValue value) => _entries.TryGetValue(key, out value!);

    public void Set(TKey key, TValue value)
    {
        if (Interlocked.Increment(ref _added) > capacity)
        {
            _entries.Clear();
            Interlocked.Exchange(ref _added, 1);
        }

        _entries[key] = value;
    }

    public void Remove(TKey key) => _entries.TryRemove(key, out _);

    public void RemoveWhere(Func<TKey, TValue, bool> predicate)
    {
        foreach (var pair in _entries)
        {
            if (predicate(pair.Key, pair.Value))
            {
                _entries.TryRemove(pair.Key, out _);
            }
        }
    }
}
