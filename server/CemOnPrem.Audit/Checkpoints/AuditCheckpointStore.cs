using System.Security.Cryptography;
using CemOnPrem.Audit.Chain;
using CemOnPrem.Storage.Databases;
using Dapper;

namespace CemOnPrem.Audit.Checkpoints;

/// <summary>
/// <c>audit_checkpoints</c>: signs the head of the chain when it moved — only while the chain still extends the last
/// checkpoint (<see cref="AuditTailCheck"/>): a signature over a gap would vouch for it — and lists checkpoints.
/// </summary>
public sealed class AuditCheckpointStore(ControlDatabase control, AuditChainStore chain, TimeProvider clock, AuditChainGuard? guard = null)
{
    /// <returns>
    /// The new checkpoint, or null when the head has not moved since the last one or the chain is broken (then reported
    /// to the <see cref="AuditChainGuard"/>).
    /// </returns>
    public async Task<AuditCheckpoint?> SignHeadAsync(ECDsa key, CancellationToken cancellationToken)
    {
        await using var connection = await control.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        if (await AuditTailCheck.RunAsync(connection, cancellationToken).ConfigureAwait(false) is { } broken)
        {
            guard?.Report(broken);
            return null;
        }

        guard?.ReportIntact();
        // Read after the check: records appended meanwhile extend what was checked.
        var head = await chain.ReadHeadAsync(cancellationToken).ConfigureAwait(false);
        var last = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "select max(sequence) from audit_checkpoints", cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (head.Sequence == 0 || head.Sequence <= (last ?? 0))
        {
            return null;
        }

        var checkpoint = CheckpointSignatures.Sign(key, head.Sequence, head.Hash, clock.GetUtcNow());
        // Two nodes may sign the same head: the first one stays.
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            insert into audit_checkpoints (sequence, hash, signed_at, key_id, algorithm, signature)
            values (@Sequence, @Hash, @SignedAt, @KeyId, @Algorithm, @Signature) on conflict (sequence) do nothing
            """,
            new { checkpoint.Sequence, checkpoint.Hash, SignedAt = checkpoint.SignedAt.UtcDateTime, checkpoint.KeyId, checkpoint.Algorithm, checkpoint.Signature },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return inserted == 1 ? checkpoint : null;
    }

    public Task<IReadOnlyList<AuditCheckpoint>> ListAsync(CancellationToken cancellationToken) =>
        AuditCheckpointReader.ReadAllAsync(control.DataSource, cancellationToken);
}
