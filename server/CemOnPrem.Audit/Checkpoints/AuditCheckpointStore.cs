using System.Security.Cryptography;
using CemOnPrem.Audit.Chain;
using CemOnPrem.Storage.Databases;
using Dapper;

namespace CemOnPrem.Audit.Checkpoints;

/// <summary><c>audit_checkpoints</c>: signs the head of the chain when it moved, lists checkpoints.</summary>
public sealed class AuditCheckpointStore(ControlDatabase control, AuditChainStore chain, TimeProvider clock)
{
    /// <returns>The new checkpoint, or null when the head has not moved since the last one.</returns>
    public async Task<AuditCheckpoint?> SignHeadAsync(ECDsa key, CancellationToken cancellationToken)
    {
        var head = await chain.ReadHeadAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await control.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
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
