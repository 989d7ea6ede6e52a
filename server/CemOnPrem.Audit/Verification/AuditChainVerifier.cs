using System.Security.Cryptography;
using CemOnPrem.Audit.Chain;
using CemOnPrem.Audit.Checkpoints;
using Npgsql;

namespace CemOnPrem.Audit.Verification;

/// <summary>
/// Walks the chain in sequence order, streaming (constant memory), and checks for each record:
/// its sequence is the next one (a gap = a deleted record), its previous hash is the hash of the
/// record before (a re-linked chain), its hash matches its content (an edited field), and a signed
/// checkpoint at its sequence names the same hash. Finally the chain must reach the newest signed
/// checkpoint (a truncated tail). The first failure is reported with the exact sequence.
/// </summary>
public static class AuditChainVerifier
{
    public const int ProgressEvery = 10_000;

    /// <param name="extraCheckpoints">Checkpoints kept elsewhere (an off-site export), checked like stored ones.</param>
    public static async Task<AuditVerification> VerifyAsync(
        NpgsqlDataSource control, ECDsa checkpointPublicKey, IReadOnlyList<AuditCheckpoint>? extraCheckpoints,
        Func<long, Task>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(control);
        var stored = await AuditCheckpointReader.ReadAllAsync(control, cancellationToken).ConfigureAwait(false);
        var checkpoints = stored.Concat(extraCheckpoints ?? []).OrderBy(checkpoint => checkpoint.Sequence).ToList();
        foreach (var checkpoint in checkpoints)
        {
            if (!CheckpointSignatures.Verify(checkpoint, checkpointPublicKey))
            {
                return Broken(0, checkpoint.Sequence, $"the checkpoint at {checkpoint.Sequence} does not carry a valid signature of the trusted key (key id {checkpoint.KeyId}).", 0, null);
            }
        }

        var bySequence = checkpoints.ToLookup(checkpoint => checkpoint.Sequence);
        var last = checkpoints.Count == 0 ? (long?)null : checkpoints[^1].Sequence;
        var expected = 1L;
        var previous = AuditRecordHash.Genesis;
        await using (var connection = await control.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        await using (var command = new NpgsqlCommand($"select {AuditRecordColumns.List} from audit_records order by sequence", connection))
        await using (var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var record = AuditRecordColumns.Read(reader);
                var problem = record.Sequence != expected
                    ? $"record {expected} is missing (the next stored record is {record.Sequence})."
                    : !record.PreviousHash.AsSpan().SequenceEqual(previous)
                        ? $"its previous hash does not match the hash of record {expected - 1} (the chain was re-linked)."
                        : !record.Hash.AsSpan().SequenceEqual(AuditRecordHash.Compute(record))
                            ? "its content does not match its hash (a field was changed)."
                            : bySequence[record.Sequence].Any(checkpoint => !checkpoint.Hash.AsSpan().SequenceEqual(record.Hash))
                                ? "its hash differs from the signed checkpoint at this sequence (the chain was rewritten)."
                                : null;
                if (problem is not null)
                {
                    return Broken(expected - 1, expected, problem, checkpoints.Count, last);
                }

                previous = record.Hash;
                if (expected % ProgressEvery == 0 && progress is not null)
                {
                    await progress(expected).ConfigureAwait(false);
                }

                expected++;
            }
        }

        var end = expected - 1;
        if (last is { } newest && newest > end)
        {
            return Broken(end, end + 1,
                $"records {end + 1} to {newest} are missing: a signed checkpoint says the chain reached {newest} (the tail was truncated).",
                checkpoints.Count, last);
        }

        return new AuditVerification(true, end, null, null, checkpoints.Count, last);
    }

    private static AuditVerification Broken(long verifiedUpTo, long brokenAt, string reason, int checkpoints, long? last) =>
        new(false, verifiedUpTo, brokenAt, reason, checkpoints, last);
}
