using CemOnPrem.Audit.Records;
using CemOnPrem.Storage.Databases;
using Npgsql;
using NpgsqlTypes;

namespace CemOnPrem.Audit.Chain;

/// <summary>
/// Appends batches of records to the chain in the control database. Every append takes one
/// transaction-level advisory lock, reads the head and links the batch to it, so appenders on
/// several nodes interleave whole batches and the chain stays one total order. A head below the last signed checkpoint
/// (its tail deleted) is never numbered from: see <see cref="AnchorOf"/>.
/// </summary>
public sealed class AuditChainStore(ControlDatabase control, AuditChainGuard? guard = null)
{
    /// <summary>Advisory lock key of the chain ("CEM AUDT").</summary>
    public const long ChainLock = 0x43454D_41554454;

    /// <summary>Roles travel to the database joined by this separator (a text[] per row cannot be unnested).</summary>
    public const char RoleSeparator = '\u001f';

    private static readonly string LockAndHeadSql = FormattableString.Invariant(
        $"""
        select pg_advisory_xact_lock({ChainLock});
        select sequence, hash from audit_records order by sequence desc limit 1;
        select sequence, hash from audit_checkpoints order by sequence desc limit 1
        """);

    private const string InsertSql =
        $"""
        insert into audit_records ({AuditRecordColumns.List})
        select s, t, a, string_to_array(r, E'\x1f'), ac, res, sub, reg, pur, o, tr, d, ph, h
        from unnest(@s, @t, @a, @r, @ac, @res, @sub, @reg, @pur, @o, @tr, @d, @ph, @h)
             as x(s, t, a, r, ac, res, sub, reg, pur, o, tr, d, ph, h)
        """;

    /// <summary>Three round trips per batch: BEGIN + lock + head, the insert, COMMIT.</summary>
    public async Task<IReadOnlyList<AuditRecord>> AppendAsync(IReadOnlyList<AuditDraft> drafts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        await using var connection = await control.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var head = new AuditChainHead(0, AuditRecordHash.Genesis);
        await using (var command = new NpgsqlCommand(LockAndHeadSql, connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                head = new AuditChainHead(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1));
            }

            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var anchor = AnchorOf(head, new AuditChainHead(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1)), out var broken);
                if (broken is not null)
                {
                    guard?.Report(broken);
                }

                head = anchor;
            }
        }

        var records = new List<AuditRecord>(drafts.Count);
        var previous = head.Hash;
        foreach (var draft in drafts)
        {
            var record = draft.Link(head.Sequence + records.Count + 1, previous);
            records.Add(record);
            previous = record.Hash;
        }

        await InsertAsync(connection, transaction, records, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return records;
    }

    /// <summary>
    /// What the next records link to. Normally the stored head; but when the head lies below the last signed checkpoint
    /// (the records it covers were deleted) or is the checkpoint's record with another hash (rewritten), the checkpoint:
    /// numbers it covered are never used again, and the next record links to the signed hash, so the chain fits together
    /// once the missing records are restored from a backup. Until then <c>audit verify</c> reports the gap.
    /// </summary>
    public static AuditChainHead AnchorOf(AuditChainHead head, AuditChainHead checkpoint, out AuditChainBreak? broken)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(checkpoint);
        broken = checkpoint.Sequence > head.Sequence
            ? AuditChainBreak.TailDeleted(head.Sequence + 1, checkpoint.Sequence)
            : checkpoint.Sequence == head.Sequence && !checkpoint.Hash.AsSpan().SequenceEqual(head.Hash)
                ? AuditChainBreak.Rewritten(checkpoint.Sequence)
                : null;
        return broken is null ? head : checkpoint;
    }

    public async Task<AuditChainHead> ReadHeadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await control.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ReadHeadAsync(connection, null, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<AuditChainHead> ReadHeadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select sequence, hash from audit_records order by sequence desc limit 1", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new AuditChainHead(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1))
            : new AuditChainHead(0, AuditRecordHash.Genesis);
    }

    private static async Task InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<AuditRecord> records, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(InsertSql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<long[]>("s", [.. records.Select(r => r.Sequence)]));
        command.Parameters.Add(new NpgsqlParameter<DateTime[]>("t", [.. records.Select(r => r.RecordedAt.UtcDateTime)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        command.Parameters.Add(Text("a", records.Select(r => r.Actor)));
        command.Parameters.Add(Text("r", records.Select(r => string.Join(RoleSeparator, r.Roles))));
        command.Parameters.Add(Text("ac", records.Select(r => r.Action)));
        command.Parameters.Add(Text("res", records.Select(r => r.Resource)));
        command.Parameters.Add(Text("sub", records.Select(r => r.Subject)));
        command.Parameters.Add(Text("reg", records.Select(r => r.Region)));
        command.Parameters.Add(Text("pur", records.Select(r => r.Purpose)));
        command.Parameters.Add(Text("o", records.Select(r => r.Outcome)));
        command.Parameters.Add(Text("tr", records.Select(r => r.TraceId)));
        command.Parameters.Add(Text("d", records.Select(r => r.Detail)));
        command.Parameters.Add(new NpgsqlParameter<byte[][]>("ph", [.. records.Select(r => r.PreviousHash)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        command.Parameters.Add(new NpgsqlParameter<byte[][]>("h", [.. records.Select(r => r.Hash)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static NpgsqlParameter<string?[]> Text(string name, IEnumerable<string?> values) =>
        new(name, [.. values]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };
}
