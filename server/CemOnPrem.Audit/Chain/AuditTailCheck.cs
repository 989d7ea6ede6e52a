using Npgsql;

namespace CemOnPrem.Audit.Chain;

/// <summary>
/// Does the chain still extend the last signed checkpoint? The record at the checkpoint's sequence must exist with the
/// checkpoint's hash, and the records after it must be numbered one by one up to the head. One round trip that reads the
/// checkpoint's record and counts the records since (an index range), cheap enough to run before every signature and at
/// start-up. Older damage is for <c>audit verify</c>, which walks the whole chain.
/// </summary>
public static class AuditTailCheck
{
    private const string Sql =
        """
        select c.sequence, c.hash, r.hash,
               (select max(sequence) from audit_records where sequence <= c.sequence),
               (select count(*) from audit_records where sequence > c.sequence),
               (select max(sequence) from audit_records)
        from audit_checkpoints c left join audit_records r on r.sequence = c.sequence
        order by c.sequence desc limit 1
        """;

    /// <returns>The break, or null when the chain extends the last checkpoint (or nothing is signed yet).</returns>
    public static async Task<AuditChainBreak?> RunAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return Evaluate(
            reader.GetInt64(0), reader.GetFieldValue<byte[]>(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<byte[]>(2),
            reader.IsDBNull(3) ? 0 : reader.GetInt64(3), reader.GetInt64(4), reader.IsDBNull(5) ? 0 : reader.GetInt64(5));
    }

    /// <param name="checkpoint">Sequence of the newest signed checkpoint.</param>
    /// <param name="recordHash">Hash of the stored record at that sequence, null when there is none.</param>
    /// <param name="lastAtOrBefore">Highest stored sequence not above the checkpoint's (0: none).</param>
    /// <param name="recordsAfter">Stored records above the checkpoint's sequence.</param>
    /// <param name="head">Highest stored sequence (0: none).</param>
    public static AuditChainBreak? Evaluate(long checkpoint, byte[] checkpointHash, byte[]? recordHash, long lastAtOrBefore, long recordsAfter, long head)
    {
        if (recordHash is null)
        {
            return AuditChainBreak.TailDeleted(lastAtOrBefore + 1, checkpoint);
        }

        if (!recordHash.AsSpan().SequenceEqual(checkpointHash))
        {
            return AuditChainBreak.Rewritten(checkpoint);
        }

        if (recordsAfter != head - checkpoint)
        {
            return AuditChainBreak.MissingAfter(checkpoint, recordsAfter, head);
        }

        return null;
    }
}
