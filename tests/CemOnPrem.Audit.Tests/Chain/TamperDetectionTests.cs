using System.Security.Cryptography;
using CemOnPrem.Audit.Checkpoints;
using CemOnPrem.Audit.Tests.Support;
using CemOnPrem.Audit.Verification;
using CemOnPrem.Testing.Postgres;

namespace CemOnPrem.Audit.Tests.Chain;

/// <summary>What a superuser can do to the table, bypassing the app role and the triggers, and where the verifier catches it.</summary>
public sealed class TamperDetectionTests(PostgresServer postgres)
{
    [Theory]
    [InlineData("recorded_at = recorded_at + interval '1 microsecond'")]
    [InlineData("actor = 'user:someone-else'")]
    [InlineData("roles = array['compliance']")]
    [InlineData("action = 'customer.lookup'")]
    [InlineData("resource = 'GET /api/v1/packs'")]
    [InlineData("subject = 'ps1-00000000000000000000000000000000'")]
    [InlineData("region = 'cn-east'")]
    [InlineData("purpose = 'marketing'")]
    [InlineData("outcome = 'denied'")]
    [InlineData("trace_id = null")]
    [InlineData("detail = 'status=404'")]
    [InlineData("hash = sha256('forged'::bytea)")]
    [InlineData("previous_hash = sha256('forged'::bytea)")]
    [InlineData("sequence = 1000")]
    public async Task Editing_any_field_of_a_stored_record_is_detected_at_its_sequence(string change)
    {
        await using var database = await AuditDatabase.CreateAsync(postgres);
        await database.AppendAsync(6);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.True((await VerifyAsync(database, key)).Intact);

        await database.TamperAsync($"update audit_records set {change} where sequence = 4");

        var verification = await VerifyAsync(database, key);
        Assert.False(verification.Intact);
        Assert.Equal(4, verification.BrokenAt);
        Assert.Equal(3, verification.VerifiedUpTo);
    }

    [Fact]
    public async Task Deleting_a_middle_record_is_detected_at_its_sequence()
    {
        await using var database = await AuditDatabase.CreateAsync(postgres);
        await database.AppendAsync(8);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        await database.TamperAsync("delete from audit_records where sequence = 5");

        var verification = await VerifyAsync(database, key);
        Assert.Equal(5, verification.BrokenAt);
        Assert.Contains("record 5 is missing", verification.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_a_record_and_relinking_the_rest_is_detected_against_the_signed_checkpoint()
    {
        await using var database = await AuditDatabase.CreateAsync(postgres);
        await database.AppendAsync(8);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await Checkpoints(database).SignHeadAsync(key, CancellationToken.None);

        // A careful forger renumbers record 6.. down by one; their hashes then no longer match their content,
        // so the first renumbered record is where the chain breaks.
        await database.TamperAsync("delete from audit_records where sequence = 5; update audit_records set sequence = sequence - 1 where sequence > 5");

        var verification = await VerifyAsync(database, key);
        Assert.Equal(5, verification.BrokenAt);
    }

    [Fact]
    public async Task Truncating_the_tail_is_detected_at_the_first_missing_sequence()
    {
        await using var database = await AuditDatabase.CreateAsync(postgres);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await database.AppendAsync(10);
        Assert.NotNull(await Checkpoints(database).SignHeadAsync(key, CancellationToken.None));

        await database.TamperAsync("delete from audit_records where sequence > 7");

        var verification = await VerifyAsync(database, key);
        Assert.Equal(8, verification.BrokenAt);
        Assert.Equal(7, verification.VerifiedUpTo);
        Assert.Contains("truncated", verification.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Truncating_tail_and_checkpoints_is_detected_against_an_exported_checkpoint()
    {
        await using var database = await AuditDatabase.CreateAsync(postgres);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await database.AppendAsync(10);
        var exported = await Checkpoints(database).SignHeadAsync(key, CancellationToken.None);

        await database.TamperAsync("delete from audit_records where sequence > 6; delete from audit_checkpoints");

        Assert.True((await VerifyAsync(database, key)).Intact);
        var verification = await AuditChainVerifier.VerifyAsync(database.Control.DataSource, key, [exported!], null, CancellationToken.None);
        Assert.Equal(7, verification.BrokenAt);
    }

    [Fact]
    public async Task A_checkpoint_not_signed_by_the_trusted_key_is_reported()
    {
        await using var database = await AuditDatabase.CreateAsync(postgres);
        using var trusted = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var forger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await database.AppendAsync(3);
        await Checkpoints(database).SignHeadAsync(forger, CancellationToken.None);

        var verification = await VerifyAsync(database, trusted);
        Assert.False(verification.Intact);
        Assert.Equal(3, verification.BrokenAt);
        Assert.Contains("signature", verification.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rewriting_a_checkpointed_record_with_a_consistent_new_chain_is_detected_at_that_record()
    {
        await using var database = await AuditDatabase.CreateAsync(postgres);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await database.AppendAsync(4);
        await Checkpoints(database).SignHeadAsync(key, CancellationToken.None);

        // Recompute record 4's hash after the edit, as a forger with the hashing code would.
        await using (var connection = new Npgsql.NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = new Npgsql.NpgsqlCommand($"select {CemOnPrem.Audit.Chain.AuditRecordColumns.List} from audit_records where sequence = 4", connection);
            await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
            await reader.ReadAsync(TestContext.Current.CancellationToken);
            var edited = CemOnPrem.Audit.Chain.AuditRecordColumns.Read(reader) with { Actor = "user:innocent" };
            var rehashed = CemOnPrem.Audit.Chain.AuditRecordHash.Compute(edited);
            await reader.DisposeAsync();
            await database.TamperAsync($"update audit_records set actor = 'user:innocent', hash = '\\x{Convert.ToHexStringLower(rehashed)}' where sequence = 4");
        }

        var verification = await VerifyAsync(database, key);
        Assert.Equal(4, verification.BrokenAt);
        Assert.Contains("checkpoint", verification.Reason, StringComparison.Ordinal);
    }

    private static AuditCheckpointStore Checkpoints(AuditDatabase database) => new(database.Control, database.Store, TimeProvider.System);

    private static Task<AuditVerification> VerifyAsync(AuditDatabase database, ECDsa key) =>
        AuditChainVerifier.VerifyAsync(database.Control.DataSource, key, null, null, CancellationToken.None);
}
