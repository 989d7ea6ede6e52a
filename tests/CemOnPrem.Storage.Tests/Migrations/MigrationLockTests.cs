using CemOnPrem.Storage.Databases;
using CemOnPrem.Storage.Migrations;
using CemOnPrem.Testing.Postgres;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CemOnPrem.Storage.Tests.Migrations;

public sealed class MigrationLockTests(PostgresServer postgres)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Nodes_starting_together_on_empty_databases_migrate_once_without_failing()
    {
        var controlConnection = await postgres.CreateDatabaseAsync("lock_control");
        var regionConnection = await postgres.CreateDatabaseAsync("lock_region");

        // Four "nodes" start at the same moment, as a cluster's processes do after a deployment.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            await using var control = new ControlDatabase(controlConnection);
            await using var migrationLock = await MigrationLock.AcquireAsync(control, Cancellation);
            await SchemaMigrator.MigrateAsync(controlConnection, SchemaKind.Control, NullLogger.Instance, Cancellation);
            await SchemaMigrator.MigrateAsync(regionConnection, SchemaKind.Region, NullLogger.Instance, Cancellation);
        }, Cancellation)));

        await using var connection = new NpgsqlConnection(regionConnection);
        Assert.Equal(SchemaMigrator.EmbeddedScripts(SchemaKind.Region).Count, await connection.ExecuteScalarAsync<long>("select count(*) from schema_versions"));
        Assert.Empty(await SchemaMigrator.PendingScriptsAsync(controlConnection, SchemaKind.Control, NullLogger.Instance, Cancellation));
    }
}
