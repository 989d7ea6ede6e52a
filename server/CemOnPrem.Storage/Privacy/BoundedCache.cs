using System.Collections.Concurrent;

namespace CemOnPrem.Storage.Privacy;

/// <summary>
/// A size-bounded cache of unwrapped keys: when full it starts over (simple, and a bound is what matters — an
/// unbounded key cache would hold every customer's key in memory). A miss costs one unwrap.
/// </summary>
internal sealed class BoundedCache<TKey, TValue>(int capacity) where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _entries = new();

    public int Count => _entries.Count;

    public bool TryGet(TKey key, out TValue value) => _entries.TryGetValue(key, out value!);

    public void Set(TKey key, TValue value)
    {
        if (_entries.Count >= capacity)
        {
            _entries.Clear();
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
