using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using CemOnPrem.Storage.Databases;
using Npgsql;

namespace CemOnPrem.Storage.Encryption;

/// <summary>
/// Per-customer data keys (random 256-bit, stored in <c>customer_keys</c> only wrapped by the region's KEK),
/// identity blind indexes (HMAC-SHA256 with the region's blind-index key), and the unwrapped-key cache.
/// </summary>
/// <remarks>
/// Each customer gets one key at creation (<c>origin_customer_id</c>); its new rows are encrypted with it. When
/// stitching merges B into A, B's key row is re-pointed to A (<c>customer_id</c>), so A's reader finds every key its
/// rows name, and erasing A (delete the key rows whose <c>customer_id</c> is A) destroys B's key too.
/// </remarks>
public sealed class FieldProtection(RegionDatabases regions, IKeyEncryptionKeyProvider keks, PersonalDataOptions options)
{
    private const int DataKeySize = 32;

    private readonly BoundedCache<(string Region, Guid KeyId), DataKey> _keys = new(Math.Max(16, options.KeyCacheCapacity));
    private readonly BoundedCache<(string Region, string CustomerId), DataKey> _active = new(Math.Max(16, options.KeyCacheCapacity));
    private readonly ConcurrentDictionary<string, byte[]> _indexKeys = new(StringComparer.Ordinal);

    // Counts forget calls, so a key read from the database just before an erasure committed is not cached after it was forgotten.
    private long _forgets;

    public PersonalDataOptions Options { get; } = options;

    public IKeyEncryptionKeyProvider Keks { get; } = keks;

    /// <summary>The associated data a wrapped key is bound to (its region and id, not its owner: merges re-point the owner).</summary>
    public static byte[] WrapBinding(string region, Guid keyId) => WrappedKeyTables.Binding(WrappedKeyTables.CustomerKeys, region, keyId);

    /// <summary>The blind index of a normalised identity: equal inputs give equal indexes; without the key it reveals nothing.</summary>
    public async ValueTask<byte[]> BlindIndexAsync(string region, string type, string value, CancellationToken cancellationToken)
    {
        var key = await IndexKeyAsync(region, cancellationToken).ConfigureAwait(false);
        return BlindIndex(key, type, value);
    }

    public async ValueTask<byte[]> IndexKeyAsync(string region, CancellationToken cancellationToken)
    {
        if (_indexKeys.TryGetValue(region, out var key))
        {
            return key;
        }

        key = await Keks.BlindIndexKeyAsync(region, cancellationToken).ConfigureAwait(false);
        _indexKeys[region] = key;
        return key;
    }

    public static byte[] BlindIndex(byte[] key, string type, string value) =>
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(type + "\n" + value));

    /// <summary>A fresh data key for a new customer, and its wrapped form for <c>customer_keys</c>.</summary>
    public async Task<(DataKey Key, int KekVersion, byte[] Wrapped)> CreateKeyAsync(string region, string customerId, CancellationToken cancellationToken)
    {
        var key = new DataKey(Guid.CreateVersion7(), RandomNumberGenerator.GetBytes(DataKeySize));
        var version = await Keks.CurrentVersionAsync(region, cancellationToken).ConfigureAwait(false);
        var wrapped = await Keks.WrapAsync(region, version, key.Material, WrapBinding(region, key.KeyId), cancellationToken).ConfigureAwait(false);
        // Cached before commit: harmless if the transaction rolls back (customer ids are never reused).
        _active.Set((region, customerId), key);
        _keys.Set((region, key.KeyId), key);
        return (key, version, wrapped);
    }

    /// <summary>
    /// The forget counter, read before a query whose key rows are handed to <see cref="ActiveKeysAsync"/> (see
    /// <see cref="StoredKeys"/>): a key forgotten after that read is not cached.
    /// </summary>
    public long ForgetCount => Volatile.Read(ref _forgets);

    /// <summary>
    /// The keys new rows of these (stored) customers are encrypted with: from the cache, else from the key rows the caller
    /// already read in its transaction (<paramref name="stored"/>); only customers neither cached nor among them cost a query.
    /// </summary>
    public async Task<Dictionary<string, DataKey>> ActiveKeysAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string region, IEnumerable<string> customerIds, StoredKeys stored,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var result = new Dictionary<string, DataKey>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var id in customerIds.Distinct(StringComparer.Ordinal))
        {
            if (_active.TryGet((region, id), out var key))
            {
                result[id] = key;
            }
            else if (stored.ByCustomer.TryGetValue(id, out var row))
            {
                key = await UnwrapAsync(region, row, stored.ForgetsBeforeRead, cancellationToken).ConfigureAwait(false);
                Cache(_active, (region, id), key, stored.ForgetsBeforeRead);
                result[id] = key;
            }
            else
            {
                missing.Add(id);
            }
        }

        if (missing.Count > 0)
        {
            var forgets = ForgetCount;
            await using var command = new NpgsqlCommand(
                "select origin_customer_id, key_id, kek_version, wrapped from customer_keys where origin_customer_id = any($1)", connection, transaction);
            command.Parameters.Add(new NpgsqlParameter { Value = missing.ToArray() });
            foreach (var (origin, row) in await ReadKeyRowsAsync(command, cancellationToken).ConfigureAwait(false))
            {
                var key = await UnwrapAsync(region, row, forgets, cancellationToken).ConfigureAwait(false);
                Cache(_active, (region, origin), key, forgets);
                result[origin] = key;
            }
        }

        return result;
    }

    /// <summary>The data keys the given envelopes were encrypted with (one query for those not cached).</summary>
    /// <exception cref="DataKeyUnavailableException">A key no longer exists (the customer was erased).</exception>
    public async Task<IReadOnlyDictionary<Guid, DataKey>> KeysForAsync(string region, IEnumerable<byte[]> envelopes, CancellationToken cancellationToken)
    {
        var result = new Dictionary<Guid, DataKey>();
        var missing = new HashSet<Guid>();
        foreach (var envelope in envelopes)
        {
            var id = FieldCipher.KeyIdOf(envelope);
            if (_keys.TryGet((region, id), out var key))
            {
                result[id] = key;
            }
            else
            {
                missing.Add(id);
            }
        }

        if (missing.Count == 0)
        {
            return result;
        }

        var forgets = Volatile.Read(ref _forgets);
        await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "select key_id::text, key_id, kek_version, wrapped from customer_keys where key_id = any($1)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = missing.ToArray() });
        foreach (var (_, row) in await ReadKeyRowsAsync(command, cancellationToken).ConfigureAwait(false))
        {
            result[row.KeyId] = await UnwrapAsync(region, row, forgets, cancellationToken).ConfigureAwait(false);
            missing.Remove(row.KeyId);
        }

        return missing.Count == 0 ? result : throw new DataKeyUnavailableException(region, missing.First());
    }

    /// <summary>Drops a customer's keys from this node's memory (after erasure destroyed them in the database).</summary>
    public void Forget(string region, string customerId, IEnumerable<Guid> keyIds)
    {
        ArgumentNullException.ThrowIfNull(keyIds);
        Interlocked.Increment(ref _forgets);
        _active.Remove((region, customerId));
        foreach (var id in keyIds)
        {
            _keys.Remove((region, id));
        }
    }

    /// <summary>
    /// Drops the keys another node's erasure destroyed, as announced by the region database
    /// (<see cref="KeyShredListener"/>): <c>"origin_customer_id key_id"</c> pairs separated by <c>','</c>.
    /// </summary>
    public void ForgetShredded(string region, string? payload)
    {
        foreach (var pair in (payload ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split(' ', 2);
            if (parts.Length == 2 && Guid.TryParse(parts[1], out var keyId))
            {
                Forget(region, parts[0], [keyId]);
            }
        }
    }

    /// <summary>Drops every cached key of a region (announcements may have been missed); the next read unwraps from the database.</summary>
    public void ForgetRegion(string region)
    {
        Interlocked.Increment(ref _forgets);
        _active.RemoveWhere((key, _) => key.Region == region);
        _keys.RemoveWhere((key, _) => key.Region == region);
    }

    private async Task<DataKey> UnwrapAsync(string region, WrappedKey row, long forgets, CancellationToken cancellationToken)
    {
        var material = await Keks.UnwrapAsync(region, row.KekVersion, row.Wrapped, WrapBinding(region, row.KeyId), cancellationToken).ConfigureAwait(false);
        var key = new DataKey(row.KeyId, material);
        Cache(_keys, (region, row.KeyId), key, forgets);
        return key;
    }

    /// <summary>
    /// Caches a key read from the database unless a forget happened since the read began: that forget may have been
    /// about this very key (an erasure committing between our read and now), and caching it would outlive the erasure.
    /// Set first, check after: a forget that lands in between is either seen here or removes the entry itself.
    /// </summary>
    private void Cache<TKey>(BoundedCache<TKey, DataKey> cache, TKey key, DataKey value, long forgetsBeforeRead) where TKey : notnull
    {
        cache.Set(key, value);
        if (Volatile.Read(ref _forgets) != forgetsBeforeRead)
        {
            cache.Remove(key);
        }
    }

    private static async Task<List<(string Owner, WrappedKey Row)>> ReadKeyRowsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<(string, WrappedKey)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add((reader.GetString(0), new WrappedKey(reader.GetGuid(1), reader.GetInt32(2), (byte[])reader[3])));
        }

        return rows;
    }
}
