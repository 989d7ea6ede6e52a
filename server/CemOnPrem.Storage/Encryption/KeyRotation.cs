using CemOnPrem.Storage.Databases;
using Dapper;
using Npgsql;

namespace CemOnPrem.Storage.Encryption;

/// <summary>
/// KEK rotation without downtime: a new KEK version becomes current (new data keys are wrapped with it), then every
/// data key still wrapped by an older version — in every table of <see cref="WrappedKeyTables"/> — is re-wrapped in
/// small batches, each its own short transaction. Readers unwrap with the version stored beside each key, so every row
/// stays readable during and after.
/// </summary>
public sealed class KeyRotation(RegionDatabases regions, IKeyEncryptionKeyProvider keks)
{
    public async Task<KeyRotationResult> RotateAsync(string region, int batchSize, Func<long, long, Task> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var previous = await keks.CurrentVersionAsync(region, cancellationToken).ConfigureAwait(false);
        var version = await keks.CreateVersionAsync(region, cancellationToken).ConfigureAwait(false);
        var rewrapped = await RewrapAsync(region, version, batchSize, progress, cancellationToken).ConfigureAwait(false);
        var status = await StatusAsync(region, cancellationToken).ConfigureAwait(false);
        return new KeyRotationResult(previous, version, rewrapped, status.KeysByKekVersion.Where(pair => pair.Key != version).Sum(pair => pair.Value));
    }

    /// <summary>
    /// Re-wraps every data key not yet under <paramref name="version"/>, in every table of <see cref="WrappedKeyTables"/>
    /// (customers' keys, cases' own keys); returns how many it re-wrapped.
    /// </summary>
    public async Task<long> RewrapAsync(string region, int version, int batchSize, Func<long, long, Task> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        long total = 0;
        foreach (var table in WrappedKeyTables.All)
        {
            total += await connection.ExecuteScalarAsync<long>($"select count(*) from {table} where kek_version <> @version", new { version }).ConfigureAwait(false);
        }

        long done = 0;
        foreach (var table in WrappedKeyTables.All)
        {
            done = await RewrapTableAsync(connection, table, region, version, batchSize, done, total, progress, cancellationToken).ConfigureAwait(false);
        }

        return done;
    }

    private async Task<long> RewrapTableAsync(NpgsqlConnection connection, string table, string region, int version, int batchSize, long done, long total,
        Func<long, long, Task> progress, CancellationToken cancellationToken)
    {
        var after = Guid.Empty;
        while (true)
        {
            // Keyset pages by key id: keys created meanwhile by a node still on the old version (ids grow with time) come later.
            var rows = (await connection.QueryAsync<(Guid KeyId, int KekVersion, byte[] Wrapped)>(
                $"select key_id, kek_version, wrapped from {table} where kek_version <> @version and key_id > @after order by key_id limit @batchSize",
                new { version, after, batchSize }).ConfigureAwait(false)).ToList();
            if (rows.Count == 0)
            {
                return done;
            }

            var ids = new Guid[rows.Count];
            var olds = new int[rows.Count];
            var wrapped = new byte[rows.Count][];
            for (var i = 0; i < rows.Count; i++)
            {
                var binding = WrappedKeyTables.Binding(table, region, rows[i].KeyId);
                var material = await keks.UnwrapAsync(region, rows[i].KekVersion, rows[i].Wrapped, binding, cancellationToken).ConfigureAwait(false);
                (ids[i], olds[i]) = (rows[i].KeyId, rows[i].KekVersion);
                wrapped[i] = await keks.WrapAsync(region, version, material, binding, cancellationToken).ConfigureAwait(false);
                Array.Clear(material);
            }

            // Guarded by the old version: a key re-wrapped concurrently (another rotation run) is left as it is.
            done += await connection.ExecuteAsync(
                $"""
                update {table} c set wrapped = u.w, kek_version = @version, rewrapped_at = now()
                from unnest(@ids, @olds, @wrapped) as u(k, o, w)
                where c.key_id = u.k and c.kek_version = u.o
                """,
                new { ids, olds, wrapped, version }).ConfigureAwait(false);
            after = rows[^1].KeyId;
            await progress(done, Math.Max(total, done)).ConfigureAwait(false);
        }
    }

    public async Task<KeyStatus> StatusAsync(string region, CancellationToken cancellationToken)
    {
        var current = await keks.CurrentVersionAsync(region, cancellationToken).ConfigureAwait(false);
        var versions = await keks.VersionsAsync(region, cancellationToken).ConfigureAwait(false);
        await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var byTable = string.Join(" union all ", WrappedKeyTables.All.Select(table => $"select kek_version from {table}"));
        var counts = (await connection.QueryAsync<(int Version, long Count)>(
            $"select kek_version, count(*) from ({byTable}) k group by kek_version order by kek_version").ConfigureAwait(false))
            .ToDictionary(row => row.Version, row => row.Count);
        return new KeyStatus(region, current, versions, counts);
    }
}

public sealed record KeyRotationResult(int PreviousVersion, int NewVersion, long Rewrapped, long RemainingOnOlderVersions);

public sealed record KeyStatus(string Region, int CurrentVersion, IReadOnlyList<int> KekVersions, IReadOnlyDictionary<int, long> KeysByKekVersion);
