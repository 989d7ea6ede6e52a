using CemOnPrem.Audit.Records;
using CemOnPrem.Storage.Databases;
using Npgsql;
using NpgsqlTypes;

namespace CemOnPrem.Audit.Chain;

/// <summary>
/// Appends batches of records to the chain in the control database. Every append takes one
/// transaction-level advisory lock, reads the head and links the batch to it, so appenders on
/// several nodes interleave whole batches and the chain stays one total order.
/// </summary>
public sealed class AuditChainStore(ControlDatabase control)
{
    /// <summary>Advisory lock key of the chain ("CEM AUDT").</summary>
    public const long ChainLock = 0x43454D_41554454;

    public async Task<IReadOnlyList<AuditRecord>> AppendAsync(IReadOnlyList<AuditDraft> drafts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        await using var connection = await control.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockCommand = new NpgsqlCommand($"select pg_advisory_xact_lock({ChainLock})", connection, transaction))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var head = await ReadHeadAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var records = new List<AuditRecord>(drafts.Count);
        var previous = head.Hash;
        foreach (var draft in drafts)
        {
            var record = draft.Link(head.Sequence + records.Count + 1, previous);
            records.Add(record);
            previous = record.Hash;
        }

        await CopyAsync(connection, records, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return records;
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

    /// <summary>Binary COPY: one round trip for the batch, and a text[] per row (which unnest cannot give).</summary>
    private static async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(
            $"copy audit_records ({AuditRecordColumns.List}) from stdin (format binary)", cancellationToken).ConfigureAwait(false);
        foreach (var record in records)
        {
            await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(record.Sequence, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(record.RecordedAt, NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(record.Actor, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(record.Roles.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(record.Action, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(record.Resource, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await WriteNullableAsync(importer, record.Subject, cancellationToken).ConfigureAwait(false);
            await WriteNullableAsync(importer, record.Region, cancellationToken).ConfigureAwait(false);
            await WriteNullableAsync(importer, record.Purpose, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(record.Outcome, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await WriteNullableAsync(importer, record.TraceId, cancellationToken).ConfigureAwait(false);
            await WriteNullableAsync(importer, record.Detail, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(record.PreviousHash, NpgsqlDbType.Bytea, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(record.Hash, NpgsqlDbType.Bytea, cancellationToken).ConfigureAwait(false);
        }

        await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter importer, string? value, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            await importer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await importer.WriteAsync(value, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
        }
    }
}
