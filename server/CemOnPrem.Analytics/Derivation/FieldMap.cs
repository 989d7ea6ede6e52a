using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace CemOnPrem.Analytics.Derivation;

/// <summary>
/// An event's scores or attributes as pack code sees them: read-only by construction (no cast turns it back into a
/// mutable dictionary). Events carry a handful of fields, so two arrays and a linear search are smaller and cheaper to
/// build than a hash table; past <see cref="IndexedFrom"/> fields a dictionary index is added.
/// </summary>
internal sealed class FieldMap<TValue> : IReadOnlyDictionary<string, TValue>
{
    private const int IndexedFrom = 9;
    private readonly string[] _keys;
    private readonly TValue[] _values;
    private readonly Dictionary<string, int>? _index;

    /// <param name="keys">Distinct keys (<see cref="Build"/> folds duplicates).</param>
    private FieldMap(string[] keys, TValue[] values)
    {
        _keys = keys;
        _values = values;
        if (keys.Length >= IndexedFrom)
        {
            _index = new Dictionary<string, int>(keys.Length, StringComparer.Ordinal);
            for (var i = 0; i < keys.Length; i++)
            {
                _index[keys[i]] = i;
            }
        }
    }

    public static FieldMap<TValue> Empty { get; } = new([], []);

    /// <summary>A map of the pairs; for a key given twice the last value wins (as for a JSON object read into a dictionary;
    /// <c>jsonb</c> has already folded them, so this is only for other callers).</summary>
    public static FieldMap<TValue> Build(List<KeyValuePair<string, TValue>> pairs)
    {
        if (pairs.Count == 0)
        {
            return Empty;
        }

        var keys = new string[pairs.Count];
        var values = new TValue[pairs.Count];
        var count = 0;
        foreach (var (key, value) in pairs)
        {
            var at = Array.IndexOf(keys, key, 0, count);
            if (at >= 0)
            {
                values[at] = value;
            }
            else
            {
                keys[count] = key;
                values[count++] = value;
            }
        }

        return count == keys.Length ? new FieldMap<TValue>(keys, values) : new FieldMap<TValue>(keys[..count], values[..count]);
    }

    public int Count => _keys.Length;

    public IEnumerable<string> Keys => _keys;

    public IEnumerable<TValue> Values => _values;

    public TValue this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No field '{key}'.");

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out TValue value)
    {
        var at = IndexOf(key);
        value = at >= 0 ? _values[at] : default;
        return at >= 0;
    }

    public IEnumerator<KeyValuePair<string, TValue>> GetEnumerator()
    {
        for (var i = 0; i < _keys.Length; i++)
        {
            yield return new KeyValuePair<string, TValue>(_keys[i], _values[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_index is not null)
        {
            return _index.TryGetValue(key, out var at) ? at : -1;
        }

        for (var i = 0; i < _keys.Length; i++)
        {
            if (string.Equals(_keys[i], key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
