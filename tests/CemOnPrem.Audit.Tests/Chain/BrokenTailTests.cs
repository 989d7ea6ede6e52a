using System.Security.Cryptography;
using CemOnPrem.Audit.Chain;
using CemOnPrem.Audit.Records;
using CemOnPrem.Audit.Tests.Support;
using CemOnPrem.Audit.Verification;
using CemOnPrem.Testing.Postgres;
using Dapper;
using Npgsql;

namespace CemOnPrem.Audit.Tests.Chain;

/// <summary>
/// A superuser deletes or rewrites the signed tail of the chain while nodes run: the node refuses to sign over the gap,
/// says so once (error line, gauge, a record of the finding), never numbers below the checkpoint again, and recovers
/// when the missing records are restored.
/// </summary>
public sealed class BrokenTailTests(PostgresServer postgres)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(10)]
    public async Task A_deleted_signed_tail_is_not_signed_over_and_is_reported_once(int deleted)
    {
        await using var database = await AuditDatabase.CreateAsync(postgres);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await using var node = new GuardedChain(database, key);
        await node.StartAsync();
        await database.AppendAsync(12);
        await node.Service.RunOnceAsync(Cancellation);
        Assert.Equal([12L], await CheckpointSequencesAsync(database));
        Assert.Equal(0, node.BrokenGauge);

        var first = 12 - deleted + 1;
        await database.TamperAsync($"delete from audit_records where sequence >= {first}");
        await node.Service.RunOnceAsync(Cancellation);
        await node.Service.RunOnceAsync(Cancellation);

        Assert.Equal([12L], await CheckpointSequencesAsync(database));
        Assert.Equal(first, node.Guard.Current?.BrokenAt);
        Assert.Equal(AuditChainBreakKind.CheckpointedRecordMissing, node.Guard.Current?.Kind);
        Assert.Equal(1, node.BrokenGauge);
        var error = Assert.Single(node.Errors);
        Assert.Contains($"broken at {first}", error, StringComparison.Ordinal);

        // The finding is the first record after the gap: numbered after the checkpoint, linked to its signed hash.
        var finding = Assert.Single(await RecordsAsync(database, AuditActions.AuditChainBroken));
        Assert.Equal(13, finding.Sequence);
        Assert.Equal(await CheckpointHashAsync(database, 12), finding.PreviousHash);
        Assert.Equal(AuditActor.System.Id, finding.Actor);
        Assert.Contains($"broken-at={first}", finding.Detail, StringComparison.Ordinal);
        Assert.Equal(first, (await VerifyAsync(database, key)).BrokenAt);
    }

    [Fact]
    public async Task Appending_after_a_deleted_tail_never_reuses_a_signed_sequence_number()
    {
        await using var database = await AuditDatabase.CreateAsync(postgres);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await using var node = new GuardedChain(database, key);
        await node.StartAsync();
        await database.AppendAsync(10);
        await node.Service.RunOnceAsync(Cancellation);
        await database.TamperAsync("delete from audit_records where sequence > 7");

        // Before any check ran: the appender itself sees the head below the checkpoint.
        var appended = await Task.WhenAll(Enumerable.Range(1, 5).Select(n => node.Appender.AppendAsync(AuditDatabase.Draft(n))));

        Assert.Equal([11L, 12, 13, 14, 15], appended.Select(record => record.Sequence).Order());
        Assert.Equal(8, node.Guard.Current?.BrokenAt);
        Assert.Single(node.Errors);
        await node.Service.RunOnceAsync(Cancellation);
        Assert.Equal([10L], await CheckpointSequencesAsync(database));
        Assert.Single(node.Errors);
    }

    [Fact]
    public async Task A_rewritten_last_signed_record_is_not_signed_over_and_is_reported()
    {
        await using var database = await AuditDatabase.CreateAsync(postgres);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await using var node = new GuardedChain(database, key);
        await node.StartAsync();
        await database.AppendAsync(6);
        await node.Service.RunOnceAsync(Cancellation);

        await database.TamperAsync("update audit_records set actor = 'user:innocent', hash = sha256('forged'::bytea) where sequence = 6");
        await database.AppendAsync(2);
        await node.Service.RunOnceAsync(Cancellation);

        Assert.Equal([6L], await CheckpointSequencesAsync(database));
        Assert.Equal(6, node.Guard.Current?.BrokenAt);
        Assert.Equal(AuditChainBreakKind.CheckpointedRecordRewritten, node.Guard.Current?.Kind);
        Assert.Equal(1, node.BrokenGauge);
        Assert.Contains("broken at 6", Assert.Single(node.Errors), StringComparison.Ordinal);
        Assert.Single(await RecordsAsync(database, AuditActions.AuditChainBroken));
    }

    [Fact]
    public async Task A_deleted_record_after_the_checkpoint_is_not_signed_over()
    {
        await using var database = await AuditDatabase.CreateAsync(postgres);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await using var node = new GuardedChain(database, key);
        await node.StartAsync();
        await database.AppendAsync(5);
        await node.Service.RunOnceAsync(Cancellation);
        await database.AppendAsync(5);

        await database.TamperAsync("delete from audit_records where sequence = 8");
        await node.Service.RunOnceAsync(Cancellation);

        Assert.Equal([5L], await CheckpointSequencesAsync(database));
        Assert.Equal(AuditChainBreakKind.RecordsAfterCheckpointMissing, node.Guard.Current?.Kind);
        Assert.Equal(1, node.BrokenGauge);
    }

    [Fact]
    public async Task Restoring_the_deleted_records_makes_the_chain_whole_and_signing_resumes()
    {
        await using var database = await AuditDatabase.CreateAsync(postgres);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await using var node = new GuardedChain(database, key);
        await node.StartAsync();
        await database.AppendAsync(10);
        await node.Service.RunOnceAsync(Cancellation);
        await database.TamperAsync("create table deleted_tail as select * from audit_records where sequence > 7; delete from audit_records where sequence > 7");
        await node.Service.RunOnceAsync(Cancellation);
        await node.Appender.AppendAsync(AuditDatabase.Draft(1));
        Assert.Equal(1, node.BrokenGauge);

        // The operator restores the rows from a backup: what was appended meanwhile links to them.
        await database.TamperAsync("insert into audit_records select * from deleted_tail");
        await node.Service.RunOnceAsync(Cancellation);

        Assert.Null(node.Guard.Current);
        Assert.Equal(0, node.BrokenGauge);
        Assert.Equal(12, (await CheckpointSequencesAsync(database))[^1]);
        var verification = await VerifyAsync(database, key);
        Assert.True(verification.Intact, verification.Summary);
        Assert.Equal(12, verification.VerifiedUpTo);
    }

    [Fact]
    public void A_tail_that_extends_the_checkpoint_is_intact()
    {
        byte[] hash = [1, 2, 3];

        Assert.Null(AuditTailCheck.Evaluate(10, hash, [1, 2, 3], 10, 4, 14));
        Assert.Null(AuditTailCheck.Evaluate(10, hash, [1, 2, 3], 10, 0, 10));
        Assert.Equal(AuditChainBreakKind.RecordsAfterCheckpointMissing, AuditTailCheck.Evaluate(10, hash, [1, 2, 3], 10, 3, 14)?.Kind);
        Assert.Equal(AuditChainBreakKind.CheckpointedRecordRewritten, AuditTailCheck.Evaluate(10, hash, [9], 10, 0, 10)?.Kind);
        Assert.Equal(8, AuditTailCheck.Evaluate(10, hash, null, 7, 2, 12)?.BrokenAt);
    }

    private static async Task<List<long>> CheckpointSequencesAsync(AuditDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        return [.. await connection.QueryAsync<long>("select sequence from audit_checkpoints order by sequence")];
    }

    private static async Task<byte[]> CheckpointHashAsync(AuditDatabase database, long sequence)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        return await connection.ExecuteScalarAsync<byte[]>("select hash from audit_checkpoints where sequence = @sequence", new { sequence }) ?? [];
    }

    private static async Task<List<AuditRecord>> RecordsAsync(AuditDatabase database, string action)
    {
        var records = new List<AuditRecord>();
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(Cancellation);
        await using var command = new NpgsqlCommand($"select {AuditRecordColumns.List} from audit_records where action = @action order by sequence", connection);
        command.Parameters.AddWithValue("action", action);
        await using var reader = await command.ExecuteReaderAsync(Cancellation);
        while (await reader.ReadAsync(Cancellation))
        {
            records.Add(AuditRecordColumns.Read(reader));
        }

        return records;
    }

    private static Task<AuditVerification> VerifyAsync(AuditDatabase database, ECDsa key) =>
        AuditChainVerifier.VerifyAsync(database.Control.DataSource, key, null, null, Cancellation);
}
