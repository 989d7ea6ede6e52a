using CemOnPrem.Sdk;
using CemOnPrem.Storage.OrgUnits;

namespace CemOnPrem.Server.OrgUnits;

/// <summary>
/// A per-node cache of known org-unit codes for the ingest path. A code not in the cache is looked up
/// once in the database before an event is refused, so a unit created on another node is accepted
/// at once; the cache is refreshed at most every <see cref="MaxAge"/>.
/// </summary>
public sealed class OrgUnitDirectory(OrgUnitStore store, TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);
    private volatile Snapshot? _snapshot;

    /// <returns>The codes among <paramref name="codes"/> that are not org units.</returns>
    public async Task<IReadOnlyList<string>> UnknownAsync(IReadOnlyCollection<string> codes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(codes);
        if (codes.Count == 0)
        {
            return [];
        }

        var snapshot = _snapshot;
        if (snapshot is null || time.GetUtcNow() - snapshot.LoadedAt > MaxAge)
        {
            var all = await store.ListAsync(null, cancellationToken).ConfigureAwait(false);
            snapshot = new Snapshot(all.Select(u => u.Code).ToHashSet(StringComparer.Ordinal), time.GetUtcNow());
            _snapshot = snapshot;
        }

        var missing = codes.Where(code => !snapshot.Codes.Contains(code)).ToList();
        if (missing.Count == 0)
        {
            return [];
        }

        // Only codes can exist: anything else (a batch item that failed validation, a NUL) is unknown without asking
        // the database, which would refuse a NUL with an error rather than answer.
        var existing = await store.ExistingAsync([.. missing.Where(Codes.IsValid)], cancellationToken).ConfigureAwait(false);
        if (existing.Count > 0)
        {
            Invalidate();
        }

        return [.. missing.Where(code => !existing.Contains(code))];
    }

    public void Invalidate() => _snapshot = null;

    private sealed record Snapshot(HashSet<string> Codes, DateTimeOffset LoadedAt);
}
