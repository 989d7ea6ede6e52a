using CemOnPrem.Audit.Chain;
using CemOnPrem.Audit.Records;
using Npgsql;

namespace CemOnPrem.Server.Tests.Support;

/// <summary>Reads what a server under test recorded in its audit chain (as the superuser, straight from the table).</summary>
public static class AuditTrailReader
{
    public static async Task<long> HeadAsync(this ServerDatabases databases)
    {
        ArgumentNullException.ThrowIfNull(databases);
        await using var connection = new NpgsqlConnection(databases.Control);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("select coalesce(max(sequence), 0) from audit_records", connection);
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    /// <summary>The records appended after <paramref name="after"/>, in chain order.</summary>
    public static async Task<IReadOnlyList<AuditRecord>> RecordsAfterAsync(this ServerDatabases databases, long after)
    {
        ArgumentNullException.ThrowIfNull(databases);
        var records = new List<AuditRecord>();
        await using var connection = new NpgsqlConnection(databases.Control);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand($"select {AuditRecordColumns.List} from audit_records where sequence > @after order by sequence", connection);
        command.Parameters.AddWithValue("after", after);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            records.Add(AuditRecordColumns.Read(reader));
        }

        return records;
    }

    /// <summary>Every stored text of a record, for "this value never appears" checks.</summary>
    public static string Text(this AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return string.Join('|', new[] { record.Actor, string.Join(',', record.Roles), record.Action, record.Resource, record.Subject, record.Region,
            record.Purpose, record.Outcome, record.TraceId, record.Detail });
    }
}
