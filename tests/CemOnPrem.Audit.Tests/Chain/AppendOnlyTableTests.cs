using CemOnPrem.Audit.Tests.Support;
using CemOnPrem.Testing.Postgres;
using Npgsql;

namespace CemOnPrem.Audit.Tests.Chain;

/// <summary>The database itself refuses changes: triggers for everyone (even the superuser), privileges for the app role.</summary>
public sealed class AppendOnlyTableTests(PostgresServer postgres)
{
    [Theory]
    [InlineData("update audit_records set actor = 'x' where sequence = 1")]
    [InlineData("delete from audit_records where sequence = 1")]
    [InlineData("truncate audit_records")]
    [InlineData("update audit_checkpoints set key_id = 'x'")]
    [InlineData("delete from audit_checkpoints")]
    [InlineData("truncate audit_checkpoints")]
    public async Task Triggers_refuse_changes_even_from_the_superuser(string sql)
    {
        await using var database = await AuditDatabase.CreateAsync(postgres);
        await database.AppendAsync(1);
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        Assert.NotNull(await new CemOnPrem.Audit.Checkpoints.AuditCheckpointStore(database.Control, database.Store, TimeProvider.System)
            .SignHeadAsync(key, TestContext.Current.CancellationToken));

        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(database.ConnectionString, sql));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        Assert.Contains("append-only", error.MessageText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("update audit_records set actor = 'x'")]
    [InlineData("delete from audit_records")]
    [InlineData("truncate audit_records")]
    [InlineData("alter table audit_records disable trigger user")]
    public async Task The_app_role_may_read_and_append_but_not_change(string sql)
    {
        await ExecuteAsync(postgres.AdminConnectionString,
            "do $$ begin if not exists (select 1 from pg_roles where rolname = 'cem_app') then create role cem_app login; end if; end $$");
        await using var database = await AuditDatabase.CreateAsync(postgres);
        var app = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Username = "cem_app" }.ConnectionString;
        await using (var appControl = new CemOnPrem.Storage.Databases.ControlDatabase(app))
        {
            var appended = await new CemOnPrem.Audit.Chain.AuditChainStore(appControl).AppendAsync([AuditDatabase.Draft(1)], CancellationToken.None);
            Assert.Equal(1, appended[0].Sequence);
        }

        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(app, sql));

        Assert.Contains(error.SqlState, new[] { PostgresErrorCodes.InsufficientPrivilege, "42501" });
        Assert.DoesNotContain("append-only", error.MessageText, StringComparison.Ordinal);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
