using CemOnPrem.Testing.Postgres;
using Dapper;
using Npgsql;

namespace CemOnPrem.Cluster.Tests.Support;

/// <summary>Empty control and region databases for one cluster under test, and the queries the tests check them with.</summary>
internal sealed record ClusterDatabases(string Control, IReadOnlyDictionary<string, string> Regions)
{
    public const string Eu = "eu-central";
    public const string Cn = "cn-east";

    public static async Task<ClusterDatabases> CreateAsync(PostgresServer postgres) => new(
        await postgres.CreateDatabaseAsync("cl_control"),
        new Dictionary<string, string>
        {
            [Eu] = await postgres.CreateDatabaseAsync("cl_eu"),
            [Cn] = await postgres.CreateDatabaseAsync("cl_cn"),
        });

    /// <returns>The membership status (Orleans SiloStatus number) of the newest silo on a port, or null.</returns>
    public async Task<int?> SiloStatusAsync(string clusterId, int siloPort)
    {
        await using var connection = new NpgsqlConnection(Control);
        return await connection.QuerySingleOrDefaultAsync<int?>(
            "select status from cluster_members where cluster_id = @clusterId and port = @siloPort order by generation desc limit 1",
            new { clusterId, siloPort });
    }

    public async Task<DateTimeOffset> DatabaseNowAsync()
    {
        await using var connection = new NpgsqlConnection(Control);
        return new DateTimeOffset(await connection.ExecuteScalarAsync<DateTime>("select now()"), TimeSpan.Zero);
    }

    public async Task<IReadOnlyList<CanaryTick>> CanariesAsync()
    {
        await using var connection = new NpgsqlConnection(Control);
        var rows = await connection.QueryAsync<CanaryTick>(
            "select canary as Canary, ticks as Ticks, last_tick_at as LastTickAt, last_silo as LastSilo from reminder_canaries order by canary");
        return [.. rows];
    }

    /// <returns>How often each of the given event ids of a source is stored in a region's log.</returns>
    public async Task<IReadOnlyDictionary<string, long>> StoredCountsAsync(string region, string source, IReadOnlyCollection<string> eventIds)
    {
        await using var connection = new NpgsqlConnection(Regions[region]);
        var rows = await connection.QueryAsync<(string EventId, long Count)>(
            "select event_id, count(*) from events where source = @source and event_id = any(@ids) group by event_id",
            new { source, ids = eventIds.ToArray() });
        return rows.ToDictionary(row => row.EventId, row => row.Count, StringComparer.Ordinal);
    }

    public async Task<long> StoredTotalAsync(string region, string source)
    {
        await using var connection = new NpgsqlConnection(Regions[region]);
        return await connection.ExecuteScalarAsync<long>("select count(*) from events where source = @source", new { source });
    }
}

internal sealed record CanaryTick(string Canary, long Ticks, DateTime LastTickAt, string LastSilo);
