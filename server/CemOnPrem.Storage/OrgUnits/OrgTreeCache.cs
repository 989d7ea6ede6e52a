namespace CemOnPrem.Storage.OrgUnits;

/// <summary>
/// Per-node copy of the whole org tree for analytics queries, which otherwise read the tree from the control
/// database on every call (one more round trip and a query on the control database per metric request).
/// Reloaded after <see cref="MaxAge"/>, whenever a query names a code the copy does not hold (so a unit created on
/// another node is found at once), and after this node changes the tree (<see cref="Invalidate"/>). A subtree moved
/// on another node shows in aggregates within <see cref="MaxAge"/>; aggregates identify no one, so that is safe.
/// </summary>
public sealed class OrgTreeCache(OrgUnitStore store, TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);
    private volatile Loaded? _loaded;

    public void Invalidate() => _loaded = null;

    /// <returns>The tree, holding <paramref name="mustKnow"/> if that code exists at all.</returns>
    public async Task<OrgTree> CurrentAsync(string? mustKnow, CancellationToken cancellationToken)
    {
        var loaded = _loaded;
        if (loaded is null
            || time.GetUtcNow() - loaded.At > MaxAge
            || (mustKnow is not null && !loaded.Tree.Contains(mustKnow)))
        {
            var units = await store.ListAsync(null, cancellationToken).ConfigureAwait(false);
            loaded = new Loaded(new OrgTree(units), time.GetUtcNow());
            _loaded = loaded;
        }

        return loaded.Tree;
    }

    private sealed record Loaded(OrgTree Tree, DateTimeOffset At);
}

/// <summary>An immutable org tree: units in path order, found by code.</summary>
public sealed class OrgTree
{
    private readonly IReadOnlyList<OrgUnit> _units;
    private readonly Dictionary<string, OrgUnit> _byCode;

    public OrgTree(IReadOnlyList<OrgUnit> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        _units = [.. units.OrderBy(u => u.Path, StringComparer.Ordinal)];
        _byCode = _units.ToDictionary(u => u.Code, StringComparer.Ordinal);
    }

    public bool Contains(string code) => _byCode.ContainsKey(code);

    /// <returns>
    /// <paramref name="root"/> and every unit below it in path order (as <see cref="OrgUnitStore.ListAsync"/> returns
    /// them), the whole tree when <paramref name="root"/> is null, or nothing when it is not a unit.
    /// </returns>
    public IReadOnlyList<OrgUnit> Subtree(string? root)
    {
        if (root is null)
        {
            return _units;
        }

        if (!_byCode.TryGetValue(root, out var top))
        {
            return [];
        }

        return [.. _units.Where(u => u.Path.StartsWith(top.Path, StringComparison.Ordinal))];
    }
}
