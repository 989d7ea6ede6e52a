using CemOnPrem.Storage.Databases;
using CemOnPrem.Storage.Encryption;
using Npgsql;

namespace CemOnPrem.Storage.Events;

/// <summary>
/// Appends a batch of events to one region's log in <b>one</b> transaction: replays are answered
/// from the stored receipts, identities are stitched to customers, new rows are inserted with
/// set-based statements. When <see cref="AppendAsync"/> returns, everything is committed.
/// </summary>
/// <remarks>
/// Round trips are what a group commit waits on, so statements travel in batches: (1) receipts and
/// known identities with their owners' keys, (2) only when the batch merges customers: the merge survivors' rows, (3) every
/// write and the COMMIT (a failing statement skips the rest of the round trip, COMMIT included, and the transaction is
/// rolled back). The statements are prepared on each connection of the writer's own pool
/// (<see cref="RegionDatabases.EventWriterFor"/>): parsing and planning them was a large part of the database's work
/// per group. A prepared statement runs a generic plan, made once per connection and blind to the values, so every
/// statement here must have one good plan whatever they are — one index probe per key (<c>lateral … limit 1</c>,
/// <c>lateral … for update</c>), never a join the planner could turn into a scan — and the pool runs with sequential
/// scans off, so a plan made while a table was small still probes by key (WriterStatementPlansTests;
/// docs/performance.md, eighth session).
/// <para>Personal data is encrypted before it leaves this class (see <see cref="FieldProtection"/>): identities are
/// matched by blind index, and each event's identities, personal attributes and free text go into <c>events.pii</c>.</para>
/// </remarks>
public sealed partial class EventLogWriter(RegionDatabases regions, TimeProvider time, FieldProtection protection)
{
    // At the start of a load most identities are new, and a retry can meet the next concurrent batch bringing the same
    // ones: a few more attempts let it through; past them the caller is told to retry (AppendConflictException → 503).
    private const int MaxAttempts = 6;

    /// <summary>
    /// How long one attempt may take, all statements together (Npgsql's default command timeout). One timer per attempt:
    /// the writer's statements run without Npgsql's per-command timeout, which starts and stops a timer around every
    /// socket read — ~3 % of the server's CPU in timer-queue lock contention under single-event load (docs/performance.md).
    /// </summary>
    public TimeSpan AttemptDeadline { get; init; } = TimeSpan.FromSeconds(30);

    public async Task<AppendOutcome> AppendAsync(string region, IReadOnlyList<NewEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.FirstOrDefault(e => e.Region != region) is { } stray)
        {
            throw new ArgumentException($"Event {stray.Source}/{stray.EventId} belongs to region '{stray.Region}', not '{region}'.", nameof(events));
        }

        events = WithStitchableIdentities(events);
        var fingerprintKey = await protection.IndexKeyAsync(region, cancellationToken).ConfigureAwait(false);
        var fingerprints = events.Select(e => EventFingerprint.Of(fingerprintKey, e)).ToArray();
        var dataSource = regions.EventWriterFor(region);
        for (var attempt = 1; ; attempt++)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(AttemptDeadline);
            try
            {
                return await AppendOnceAsync(dataSource, region, events, fingerprints, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Appending {events.Count} events to region '{region}' took longer than {AttemptDeadline.TotalSeconds:0} s.", ex);
            }
            catch (Exception ex) when (IsRaceWithAnotherWriter(ex))
            {
                // Another writer stitched or merged the same identities concurrently; a fresh read sees its result.
                if (attempt == MaxAttempts)
                {
                    throw new AppendConflictException(region, ex);
                }
            }
        }
    }

    private static bool IsRaceWithAnotherWriter(Exception ex) =>
        // Another writer claimed one of our new identities between our read and our insert.
        ex is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, TableName: "customer_identities" } ||
        ex is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure } ||
        // An erasure or retention purge removed the customer between our read and our insert: a fresh read creates a new one.
        ex is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation, TableName: "events" or "customer_identities" };

    private async Task<AppendOutcome> AppendOnceAsync(
        NpgsqlDataSource dataSource, string region, IReadOnlyList<NewEvent> events, byte[][] fingerprints, CancellationToken cancellationToken)
    {
        // PostgreSQL keeps microseconds; truncate so a replay's receipt equals the first one.
        var now = time.GetUtcNow();
        var receivedAt = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % 10), TimeSpan.Zero);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        var receipts = new EventReceipt?[events.Count];
        var indexes = await BlindIndexesAsync(region, events, cancellationToken).ConfigureAwait(false);
        var (stored, known, ownerKeys) = await ReadStoredAsync(connection, transaction, region, events, indexes, cancellationToken).ConfigureAwait(false);
        var firstIndex = new Dictionary<(string, string), int>(events.Count);
        var fresh = new List<int>(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            var key = (events[i].Source, events[i].EventId);
            if (stored.TryGetValue(key, out var original))
            {
                receipts[i] = Replay(original, fingerprints[i]);
            }
            else if (firstIndex.TryAdd(key, i))
            {
                fresh.Add(i);
            }
        }

        var changes = new Dictionary<string, CustomerChange>(StringComparer.Ordinal);
        if (fresh.Count > 0)
        {
            var plan = await PlanStitchingAsync(connection, transaction, events, fresh, known, changes, cancellationToken).ConfigureAwait(false);
            // Commits: the COMMIT travels with the writes.
            await WriteAsync(connection, transaction, region, events, fingerprints, fresh, plan, indexes, ownerKeys, receivedAt, receipts, changes, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        // Later copies of an event within the same batch get the first copy's receipt; a copy with other content is a conflict.
        for (var i = 0; i < events.Count; i++)
        {
            if (receipts[i] is null)
            {
                var first = firstIndex[(events[i].Source, events[i].EventId)];
                receipts[i] = receipts[first]! with { Duplicate = true, Conflict = receipts[first]!.Conflict || !fingerprints[i].AsSpan().SequenceEqual(fingerprints[first]) };
            }
        }

        return new AppendOutcome(receipts!, [.. changes.Values]);
    }

    /// <summary>The blind index of every identity of the batch (the database never sees the values themselves).</summary>
    private async Task<Dictionary<(string Type, string Value), byte[]>> BlindIndexesAsync(string region, IReadOnlyList<NewEvent> events, CancellationToken cancellationToken)
    {
        var key = await protection.IndexKeyAsync(region, cancellationToken).ConfigureAwait(false);
        var indexes = new Dictionary<(string Type, string Value), byte[]>();
        foreach (var identity in events.SelectMany(e => e.Identities))
        {
            if (!indexes.ContainsKey((identity.Type, identity.Value)))
            {
                indexes[(identity.Type, identity.Value)] = FieldProtection.BlindIndex(key, identity.Type, identity.Value);
            }
        }

        return indexes;
    }

    /// <summary>One round trip: the stored receipts of the batch's keys, the stored owners of its identities and their keys.</summary>
    private async Task<(Dictionary<(string, string), StoredReceipt> Stored, Dictionary<(string Type, string Value), string> Known, StoredKeys Keys)> ReadStoredAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string region, IReadOnlyList<NewEvent> events,
        Dictionary<(string Type, string Value), byte[]> indexes, CancellationToken cancellationToken)
    {
        var keys = events.Select(e => (e.Source, e.EventId)).Distinct().ToList();
        var identities = indexes.ToList();
        var byIndex = identities.ToDictionary(pair => (pair.Key.Type, Convert.ToHexString(pair.Value)), pair => pair.Key);
        var ownerKeys = new StoredKeys(protection.ForgetCount);
        await using var batch = new NpgsqlBatch(connection, transaction) { Timeout = 0 }; // AttemptDeadline bounds it
        batch.BatchCommands.Add(Command(Sql.ReadReceipts, [keys.Select(k => k.Source).ToArray(), keys.Select(k => k.EventId).ToArray()]));
        batch.BatchCommands.Add(Command(Sql.ReadOwners, [identities.Select(k => k.Key.Type).ToArray(), identities.Select(k => k.Value).ToArray()]));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var stored = await ReadReceiptRowsAsync(reader, region, cancellationToken).ConfigureAwait(false);
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var known = new Dictionary<(string Type, string Value), string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var owner = reader.GetString(2);
            known[byIndex[(reader.GetString(0), Convert.ToHexString((byte[])reader[1]))]] = owner;
            if (!reader.IsDBNull(3))
            {
                ownerKeys.ByCustomer[owner] = new WrappedKey(reader.GetGuid(3), reader.GetInt32(4), (byte[])reader[5]);
            }
        }

        return (stored, known, ownerKeys);
    }

    private static async Task<Dictionary<(string, string), StoredReceipt>> ReadReceiptsAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string region, IReadOnlyList<(string Source, string EventId)> keys, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Sql.ReadReceipts, connection, transaction) { CommandTimeout = 0 }; // AttemptDeadline bounds it
        command.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => k.Source).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => k.EventId).ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await ReadReceiptRowsAsync(reader, region, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Dictionary<(string, string), StoredReceipt>> ReadReceiptRowsAsync(NpgsqlDataReader reader, string region, CancellationToken cancellationToken)
    {
        var receipts = new Dictionary<(string, string), StoredReceipt>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var receipt = ReceiptOf(reader, region);
            receipts[(receipt.Source, receipt.EventId)] = new StoredReceipt(receipt, reader.IsDBNull(5) ? null : (byte[])reader[5]);
        }

        return receipts;
    }

    /// <summary>
    /// The answer to a key already stored: the original receipt marked as a duplicate, and as a conflict when the stored
    /// event's content differs. A row stored before fingerprints existed has none: nothing to compare, so a duplicate.
    /// </summary>
    private static EventReceipt Replay(StoredReceipt original, byte[] fingerprint) =>
        original.Receipt with
        {
            Duplicate = true,
            Conflict = original.Fingerprint is { } stored && !stored.AsSpan().SequenceEqual(fingerprint),
        };

    private sealed record StoredReceipt(EventReceipt Receipt, byte[]? Fingerprint);

    /// <summary>Columns: source, event_id, seq, customer_id, received_at.</summary>
    private static EventReceipt ReceiptOf(NpgsqlDataReader reader, string region) =>
        new(reader.GetString(0), reader.GetString(1), region, reader.GetInt64(2), reader.GetString(3),
            new DateTimeOffset(reader.GetDateTime(4).Ticks, TimeSpan.Zero), false);

    // An explicit object array: a lone string[] argument must be one parameter, never the parameter list.
    private static NpgsqlBatchCommand Command(string sql, object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return command;
    }
}
