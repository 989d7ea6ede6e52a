using CemOnPrem.Audit;
using CemOnPrem.Audit.Chain;
using CemOnPrem.Audit.Records;
using CemOnPrem.Storage.Databases;
using CemOnPrem.Storage.Migrations;
using CemOnPrem.Testing.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CemOnPrem.Audit.Tests.Support;

/// <summary>A freshly migrated control database with a running appender: one chain per test.</summary>
public sealed class AuditDatabase : IAsyncDisposable
{
    private AuditDatabase(string connectionString)
    {
        ConnectionString = connectionString;
        Control = new ControlDatabase(connectionString);
        Store = new AuditChainStore(Control);
        Appender = new AuditAppender(Store, Options.Create(new AuditOptions { MaxRecordsPerCommit = 50 }), NullLogger<AuditAppender>.Instance);
    }

    public string ConnectionString { get; }

    public ControlDatabase Control { get; }

    public AuditChainStore Store { get; }

    public AuditAppender Appender { get; }

    public static async Task<AuditDatabase> CreateAsync(PostgresServer postgres)
    {
        ArgumentNullException.ThrowIfNull(postgres);
        var connectionString = await postgres.CreateDatabaseAsync("audit");
        await SchemaMigrator.MigrateAsync(connectionString, SchemaKind.Control, NullLogger.Instance, CancellationToken.None);
        var database = new AuditDatabase(connectionString);
        await database.Appender.StartAsync(CancellationToken.None);
        return database;
    }

    public static AuditDraft Draft(int n, string action = AuditActions.CustomerRead) => new(
        DateTimeOffset.UtcNow, new AuditActor("user:officer-" + n, ["case-worker", "reader"]), action, "GET /api/v1/customers/{region}/{customerId}",
        "ps1-" + n.ToString("x32", System.Globalization.CultureInfo.InvariantCulture), "eu-central", null, AuditOutcome.Allowed, "trace-" + n, "status=200");

    public async Task AppendAsync(int count)
    {
        await Task.WhenAll(Enumerable.Range(1, count).Select(n => Appender.AppendAsync(Draft(n))));
    }

    /// <summary>Runs SQL as the superuser with the append-only triggers off: what a rogue DBA could do.</summary>
    public async Task TamperAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(
            $"""
            alter table audit_records disable trigger user;
            alter table audit_checkpoints disable trigger user;
            {sql};
            alter table audit_records enable trigger user;
            alter table audit_checkpoints enable trigger user;
            """, connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await Appender.StopAsync(CancellationToken.None);
        Appender.Dispose();
        await Control.DisposeAsync();
    }
}
