using CemOnPrem.Storage.Databases;
using CemOnPrem.Storage.Migrations;
using CemOnPrem.Testing;
using CemOnPrem.Testing.Postgres;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CemOnPrem.Storage.Tests.Databases;

public sealed class RegionPinningTests(MigratedDatabases databases, PostgresServer postgres) : IClassFixture<MigratedDatabases>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Region_database_refuses_a_row_of_another_region_whatever_the_code_path()
    {
        await using var connection = await databases.Regions.For(MigratedDatabases.EuCentral).OpenConnectionAsync(Cancellation);

        var error = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(
            "insert into customers (customer_id, region, created_at) values ('c-x', 'cn-east', now())"));

        Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
        Assert.Equal("customers_region_pinned", error.ConstraintName);
    }

    [Fact]
    public async Task Pinning_a_database_of_another_region_is_refused()
    {
        var error = await Assert.ThrowsAsync<RegionMismatchException>(() =>
            RegionPinning.EnsureAsync(databases.Regions.For(MigratedDatabases.EuCentral), "cn-east", Cancellation));

        Assert.Contains("belongs to region 'eu-central'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Cem:Regions:cn-east:ConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pinning_twice_keeps_the_database_identity()
    {
        var source = databases.Regions.For(MigratedDatabases.CnEast);

        var first = await RegionPinning.EnsureAsync(source, MigratedDatabases.CnEast, Cancellation);
        var second = await RegionPinning.EnsureAsync(source, MigratedDatabases.CnEast, Cancellation);

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Registry_refuses_a_region_that_now_points_at_another_database()
    {
        var region = "ap-south";
        var original = await NewRegionDatabaseAsync(region);
        var replacement = await NewRegionDatabaseAsync(region);
        await RegionRegistry.RegisterAsync(databases.Control, region, original, Cancellation);

        var error = await Assert.ThrowsAsync<RegionMismatchException>(() => RegionRegistry.RegisterAsync(databases.Control, region, replacement, Cancellation));

        Assert.Contains("Cem:Regions:ap-south:ConnectionString", error.Message, StringComparison.Ordinal);
        await RegionRegistry.RegisterAsync(databases.Control, region, original, Cancellation);
    }

    [Fact]
    public async Task Migrations_are_applied_once_and_rerunning_them_changes_nothing()
    {
        var connectionString = databases.RegionConnectionStrings[MigratedDatabases.EuCentral];

        await SchemaMigrator.MigrateAsync(connectionString, SchemaKind.Region, NullLogger.Instance, Cancellation);

        Assert.Empty(await SchemaMigrator.PendingScriptsAsync(connectionString, SchemaKind.Region, NullLogger.Instance, Cancellation));
        Assert.NotEmpty(SchemaMigrator.EmbeddedScripts(SchemaKind.Region));
        Assert.NotEmpty(SchemaMigrator.EmbeddedScripts(SchemaKind.Control));
    }

    private async Task<Guid> NewRegionDatabaseAsync(string region)
    {
        var connectionString = await postgres.CreateDatabaseAsync("pin");
        await SchemaMigrator.MigrateAsync(connectionString, SchemaKind.Region, NullLogger.Instance, Cancellation);
        await using var source = NpgsqlDataSource.Create(connectionString);
        return await RegionPinning.EnsureAsync(source, region, Cancellation);
    }
}
