namespace CemOnPrem.Analytics.Rollups;

/// <summary>A set of rollup cells keyed by <see cref="RollupKey"/>, e.g. what one customer contributes, or a batch delta.</summary>
public sealed class RollupCells
{
    private readonly Dictionary<RollupKey, RollupValues> _cells = [];

    public int Count => _cells.Count;

    public IEnumerable<KeyValuePair<RollupKey, RollupValues>> Cells => _cells;

    /// <summary>The cell for a key, created empty when missing.</summary>
    public RollupValues this[RollupKey key]
    {
        get
        {
            if (!_cells.TryGetValue(key, out var values))
            {
                values = new RollupValues();
                _cells[key] = values;
            }

            return values;
        }
    }

    public bool TryGet(RollupKey key, out RollupValues? values) => _cells.TryGetValue(key, out values);

    public void Add(RollupCells other, int sign = 1)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (key, values) in other._cells)
        {
            this[key].Add(values, sign);
        }
    }

    /// <summary>Drops the cells that became empty (a contribution and its retraction).</summary>
    public void RemoveEmpty()
    {
        foreach (var key in _cells.Where(pair => pair.Value.IsEmpty).Select(pair => pair.Key).ToList())
        {
            _cells.Remove(key);
        }
    }
}
