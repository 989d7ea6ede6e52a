using CemOnPrem.Testing.Postgres;
using Dapper;
using Npgsql;

namespace CemOnPrem.Server.Tests.Support;

/// <summary>Empty control and region databases for one server under test; the server migrates them itself.</summary>
public sealed record ServerDatabases(string Control, IReadOnlyDictionary<string, string> Regions)
{
    public const string Eu = "eu-central";
    public const string Cn = "cn-east";

    public static async Task<ServerDatabases> CreateAsync(PostgresServer postgres)
    {
        ArgumentNullException.ThrowIfNull(postgres);
        return new ServerDatabases(
            await postgres.CreateDatabaseAsync("srv_control"),
            new Dictionary<string, string>
            {
                [Eu] = await postgres.CreateDatabaseAsync("srv_eu"),
                [Cn] = await postgres.CreateDatabaseAsync("srv_cn"),
            });
    }

    public async Task<long> CountAsync(string region, string sql, object? args = null)
    {
        await using var connection = new NpgsqlConnection(Regions[region]);
        return await connection.ExecuteScalarAsync<long>(sql, args);
    }
}
