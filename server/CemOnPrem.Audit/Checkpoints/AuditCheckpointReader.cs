using Npgsql;

namespace CemOnPrem.Audit.Checkpoints;

/// <summary>Reads every stored checkpoint, oldest first (one small row per interval).</summary>
public static class AuditCheckpointReader
{
    public static async Task<IReadOnlyList<AuditCheckpoint>> ReadAllAsync(NpgsqlDataSource control, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(control);
        var list = new List<AuditCheckpoint>();
        await using var connection = await control.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "select sequence, hash, signed_at, key_id, algorithm, signature from audit_checkpoints order by sequence", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new AuditCheckpoint(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1), reader.GetFieldValue<DateTimeOffset>(2),
                reader.GetString(3), reader.GetString(4), reader.GetFieldValue<byte[]>(5)));
        }

        return list;
    }
}
