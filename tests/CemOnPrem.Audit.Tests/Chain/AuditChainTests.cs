using System.Security.Cryptography;
using CemOnPrem.Audit.Chain;
using CemOnPrem.Audit.Records;
using CemOnPrem.Audit.Tests.Support;
using CemOnPrem.Audit.Verification;
using CemOnPrem.Testing.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CemOnPrem.Audit.Tests.Chain;

public sealed class AuditChainTests(PostgresServer postgres)
{
    [Fact]
    public async Task Appended_records_form_one_chain_from_genesis()
    {
        await using var database = await AuditDatabase.CreateAsync(postgres);
        var first = await database.Appender.AppendAsync(AuditDatabase.Draft(1));
        var second = await database.Appender.AppendAsync(AuditDatabase.Draft(2));

        Assert.Equal(1, first.Sequence);
        Assert.Equal(AuditRecordHash.Genesis, first.PreviousHash);
        Assert.Equal(2, second.Sequence);
        Assert.Equal(first.Hash, second.PreviousHash);
        Assert.Equal(AuditRecordHash.Compute(second), second.Hash);
    }

    [Fact]
    public async Task Stored_record_reads_back_exactly_as_hashed()
    {
        await using var database = await AuditDatabase.CreateAsync(postgres);
        var appended = await database.Appender.AppendAsync(AuditDatabase.Draft(7) with { Purpose = "complaint-handling", Subject = null, Region = null });

        await using var connection = await database.Control.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand($"select {AuditRecordColumns.List} from audit_records", connection);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken));
        var stored = AuditRecordColumns.Read(reader);

        Assert.Equal(appended.Hash, AuditRecordHash.Compute(stored));
        Assert.Equal(["case-worker", "reader"], stored.Roles);
        Assert.Equal("complaint-handling", stored.Purpose);
        Assert.Null(stored.Subject);
    }

    [Fact]
    public async Task Appenders_on_two_nodes_interleave_into_one_total_chain()
    {
        await using var node1 = await AuditDatabase.CreateAsync(postgres);
        var node2Control = new CemOnPrem.Storage.Databases.ControlDatabase(node1.ConnectionString);
        using var node2 = new AuditAppender(new AuditChainStore(node2Control), Options.Create(new AuditOptions { MaxRecordsPerCommit = 7 }), NullLogger<AuditAppender>.Instance);
        await node2.StartAsync(CancellationToken.None);
        try
        {
            var appends = Enumerable.Range(1, 300).Select(n => (n % 2 == 0 ? node1.Appender : node2).AppendAsync(AuditDatabase.Draft(n)));
            var records = await Task.WhenAll(appends);

            Assert.Equal(Enumerable.Range(1, 300).Select(n => (long)n), records.Select(record => record.Sequence).Order());
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var verification = await AuditChainVerifier.VerifyAsync(node1.Control.DataSource, key, null, null, CancellationToken.None);
            Assert.True(verification.Intact, verification.Summary);
            Assert.Equal(300, verification.VerifiedUpTo);
        }
        finally
        {
            await node2.StopAsync(CancellationToken.None);
            await node2Control.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_failed_commit_fails_every_caller_of_its_batch_and_stores_nothing()
    {
        await using var database = await AuditDatabase.CreateAsync(postgres);
        await database.TamperAsync("create function refuse() returns trigger language plpgsql as $$ begin raise exception 'disk full'; end; $$; " +
                                   "create trigger refuse_insert before insert on audit_records for each row execute function refuse()");

        await Assert.ThrowsAsync<AuditUnavailableException>(() => database.Appender.AppendAsync(AuditDatabase.Draft(1)));

        await database.TamperAsync("drop trigger refuse_insert on audit_records");
        var next = await database.Appender.AppendAsync(AuditDatabase.Draft(2));
        Assert.Equal(1, next.Sequence);
    }
}
