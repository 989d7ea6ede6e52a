using CemOnPrem.Storage.OrgUnits;

namespace CemOnPrem.Http.Customers;

/// <summary>
/// Per-node snapshot of org-unit paths for scope checks ("is unit X in the subtree of Y"). Refreshed every
/// <see cref="MaxAge"/>, and at once (at most every few seconds) when a code is missing, so a unit created on
/// another node is known almost immediately; a moved subtree is seen within <see cref="MaxAge"/>.
/// </summary>
public sealed class OrgUnitPaths(OrgUnitStore store, TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MissRefresh = TimeSpan.FromSeconds(2);
    private volatile Snapshot? _snapshot;

    /// <summary>Forget the snapshot (this node just changed the tree): the next check reads the tree again.</summary>
    public void Invalidate() => _snapshot = null;

    public async Task<Snapshot> CurrentAsync(IEnumerable<string> mustKnow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mustKnow);
        var snapshot = _snapshot;
        var age = snapshot is null ? TimeSpan.MaxValue : time.GetUtcNow() - snapshot.LoadedAt;
        if (age > MaxAge || (age > MissRefresh && mustKnow.Any(code => !snapshot!.Paths.ContainsKey(code))))
        {
            var units = await store.ListAsync(null, cancellationToken).ConfigureAwait(false);
            snapshot = new Snapshot(units.ToDictionary(u => u.Code, u => u.Path, StringComparer.Ordinal), time.GetUtcNow());
            _snapshot = snapshot;
        }

        return snapshot!;
    }

    public sealed record Snapshot(IReadOnlyDictionary<string, string> Paths, DateTimeOffset LoadedAt)
    {
        /// <returns>Whether <paramref name="code"/> is one of <paramref name="roots"/> or below one of them.</returns>
        public bool IsWithin(string code, IEnumerable<string> roots) =>
            Paths.TryGetValue(code, out var path)
            && roots.Any(root => Paths.TryGetValue(root, out var rootPath) && path.StartsWith(rootPath, StringComparison.Ordinal));

        /// <returns>Every code in the subtrees of <paramref name="roots"/>.</returns>
        public IReadOnlyList<string> CodesUnder(IEnumerable<string> roots)
        {
            var rootPaths = roots.Select(root => Paths.TryGetValue(root, out var p) ? p : null).OfType<string>().ToList();
            return [.. Paths.Where(pair => rootPaths.Any(root => pair.Value.StartsWith(root, StringComparison.Ordinal))).Select(pair => pair.Key)];
        }
    }
}
