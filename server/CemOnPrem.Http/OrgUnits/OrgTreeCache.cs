using CemOnPrem.Sdk;
using CemOnPrem.Storage.OrgUnits;

namespace CemOnPrem.Http.OrgUnits;

/// <summary>
/// The one per-node copy of the org tree, for every reader: ingest (unknown codes, client bindings), scope checks
/// (is a unit in the caller's subtrees) and analytics (subtree rollups), which would otherwise read the tree from the
/// control database on every request. Reloaded after <see cref="MaxAge"/>, after this node changes the tree
/// (<see cref="Invalidate"/>), and when a reader names a code the copy does not hold, so a unit created on another
/// node is found at once. A subtree moved on another node is seen within <see cref="MaxAge"/>.
/// </summary>
public sealed class OrgTreeCache(OrgUnitStore store, TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Scope checks reload for a missing code at most this often: their codes come from every request (client
    /// bindings, event org units), and junk codes must not turn each request into a control-database read.
    /// </summary>
    public static readonly TimeSpan ScopeMissRefresh = TimeSpan.FromSeconds(2);

    private volatile Loaded? _loaded;

    /// <summary>Forget the copy (this node just changed the tree): the next reader loads the tree again.</summary>
    public void Invalidate() => _loaded = null;

    /// <returns>The tree for an analytics query, holding <paramref name="mustKnow"/> if that code exists at all.</returns>
    public Task<OrgTree> CurrentAsync(string? mustKnow, CancellationToken cancellationToken) =>
        CurrentAsync(mustKnow is null ? [] : [mustKnow], TimeSpan.Zero, cancellationToken);

    /// <returns>The tree for a scope check, reloaded for unknown <paramref name="mustKnow"/> codes at most every <see cref="ScopeMissRefresh"/>.</returns>
    public Task<OrgTree> ForScopeAsync(IEnumerable<string> mustKnow, CancellationToken cancellationToken) =>
        CurrentAsync(mustKnow, ScopeMissRefresh, cancellationToken);

    /// <returns>The codes among <paramref name="codes"/> that are not org units (ingest refuses their events).</returns>
    public async Task<IReadOnlyList<string>> UnknownAsync(IReadOnlyCollection<string> codes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(codes);
        if (codes.Count == 0)
        {
            return [];
        }

        var tree = await CurrentAsync([], TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        var missing = codes.Where(code => !tree.Contains(code)).ToList();
        if (missing.Count == 0)
        {
            return [];
        }

        // Ask the database for just these codes rather than reloading the tree for a batch full of junk. Only codes
        // can exist: anything else (an item that failed validation, a NUL) is unknown without asking, since the
        // database would refuse a NUL with an error rather than answer.
        var existing = await store.ExistingAsync([.. missing.Where(Codes.IsValid)], cancellationToken).ConfigureAwait(false);
        if (existing.Count > 0)
        {
            Invalidate();
        }

        return [.. missing.Where(code => !existing.Contains(code))];
    }

    private async Task<OrgTree> CurrentAsync(IEnumerable<string> mustKnow, TimeSpan missRefresh, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mustKnow);
        var loaded = _loaded;
        var age = loaded is null ? TimeSpan.MaxValue : time.GetUtcNow() - loaded.At;
        if (age > MaxAge || (age > missRefresh && mustKnow.Any(code => !loaded!.Tree.Contains(code))))
        {
            var units = await store.ListAsync(null, cancellationToken).ConfigureAwait(false);
            loaded = new Loaded(new OrgTree(units), time.GetUtcNow());
            _loaded = loaded;
        }

        return loaded!.Tree;
    }

    private sealed record Loaded(OrgTree Tree, DateTimeOffset At);
}
