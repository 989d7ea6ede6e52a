using CemOnPrem.Storage.Migrations;
using CemOnPrem.Testing.Postgres;
using Dapper;
using DbUp;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CemOnPrem.Storage.Tests.Migrations;

/// <summary>
/// R0042 moves existing deployments' rollups from text org-unit codes to integer ids: a region database migrated up to
/// R0041 gets cells in the old shape, then the real migrator applies the rest, and every cell must keep its values.
/// </summary>
public sealed class RollupOrgUnitIdsMigrationTests(PostgresServer postgres)
{
    private const string FirstNewScript = "R0042";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Cells_written_in_the_text_code_shape_keep_every_value_after_the_conversion_to_ids()
    {
        var database = await postgres.CreateDatabaseAsync("r0042");
        MigrateBefore(database, FirstNewScript);
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(Cancellation);
        await connection.ExecuteAsync(
            """
            insert into metric_rollups (metric, day, org_unit, journey, stage, n, a, b) values
                ('nps', '2026-03-01', 'cn-sh-01', '', '', 12, 7, 2),
                ('nps', '2026-03-01', 'cn-sh-02', '', '', 5, 1, 3),
                ('nps', '2026-03-02', '', '', '', 4, 4, 0),
                ('$funnel', '2026-03-01', 'cn-sh-01', 'loan', 'review', 3, 2, 1),
                ('$time-in-stage', '2026-03-01', 'cn-sh-01', 'loan', 'review', 2, 0, 0);
            insert into metric_rollup_sums (metric, day, org_unit, journey, stage, s1, s2, hist) values
                ('$time-in-stage', '2026-03-01', 'cn-sh-01', 'loan', 'review', 7200.5, 25920360.25, '{0,1,0,1}'),
                ('ces', '2026-03-03', 'eu-only-in-sums', '', '', 11, 65, '{}');
            insert into retired_contributions (metric, day, org_unit, journey, stage, n, a, b, s1, s2, hist) values
                ('nps', '2026-02-01', 'closed-branch', '', '', 1, 1, 0, 0, 0, '{}');
            """);
        var before = await CellsAsync(connection);
        var retiredBefore = await RetiredAsync(connection);

        await SchemaMigrator.MigrateAsync(database, SchemaKind.Region, NullLogger.Instance, Cancellation);

        Assert.Equal(6, before.Split('\n').Length);
        Assert.Equal(before, await CellsAsync(connection));
        Assert.Equal(retiredBefore, await RetiredAsync(connection));
        var ids = (await connection.QueryAsync<(string Code, int Id)>("select code, id from org_unit_ids")).ToDictionary(row => row.Code, row => row.Id);
        Assert.Equal(0, ids[""]);
        Assert.Equal(ids.Count, ids.Values.Distinct().Count());
        Assert.Superset(new HashSet<string>(["", "cn-sh-01", "cn-sh-02", "eu-only-in-sums", "closed-branch"]), ids.Keys.ToHashSet());
        Assert.Equal("integer", await connection.ExecuteScalarAsync<string>(
            "select format_type(atttypid, atttypmod) from pg_attribute where attrelid = 'metric_rollups'::regclass and attname = 'org_unit_id'"));
        Assert.Equal(12, await connection.ExecuteScalarAsync<long>(
            "select n from metric_rollups where metric = 'nps' and day = '2026-03-01' and org_unit_id = @id", new { id = ids["cn-sh-01"] }));
    }

    /// <summary>Applies the region scripts that sort before <paramref name="firstLeftOut"/>, journaled as the real migrator does.</summary>
    private static void MigrateBefore(string connectionString, string firstLeftOut)
    {
        const string marker = ".Migrations.Region.";
        var result = DeployChanges.To
            .PostgresqlDatabase(connectionString)
            .WithScriptsEmbeddedInAssembly(typeof(SchemaMigrator).Assembly, name =>
                name.Contains(marker, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal)
                && string.CompareOrdinal(name[(name.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..], firstLeftOut) < 0)
            .JournalToPostgresqlTable("public", "schema_versions")
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build()
            .PerformUpgrade();
        Assert.True(result.Successful, result.Error?.Message);
    }

    private static async Task<string> CellsAsync(NpgsqlConnection connection) =>
        await connection.ExecuteScalarAsync<string>(
            """
            select string_agg(row(metric, day, org_unit, journey, stage, n, a, b, s1, s2, hist)::text, E'\n'
                              order by metric, day, org_unit, journey, stage)
            from metric_rollup_cells
            """) ?? "";

    private static async Task<string> RetiredAsync(NpgsqlConnection connection) =>
        await connection.ExecuteScalarAsync<string>("select string_agg(r::text, E'\n' order by r::text) from retired_contributions r") ?? "";
}
