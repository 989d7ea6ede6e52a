using CemOnPrem.Server.Tests.Support;
using Dapper;
using Npgsql;

namespace CemOnPrem.Server.Tests.Hostile;

/// <summary>
/// Row counts of every table a write endpoint stores into, in the control and every region database: equal before and
/// after a refused request means nothing was stored. Audit tables are left out on purpose (a refusal is recorded).
/// </summary>
public sealed class StoredState
{
    private static readonly string[] Tables =
    [
        "events", "customers", "customer_identities", "consent_entries", "legal_holds", "privacy_requests", "org_units", "org_unit_ids",
        "pack_states", "survey_invitations", "erasure_receipts",
    ];

    private readonly List<(string Database, string ConnectionString, string Sql)> _queries = [];

    public static async Task<StoredState> CreateAsync(ServerDatabases databases)
    {
        ArgumentNullException.ThrowIfNull(databases);
        var state = new StoredState();
        foreach (var (name, connectionString) in databases.Regions.Append(new KeyValuePair<string, string>("control", databases.Control)))
        {
            await using var connection = new NpgsqlConnection(connectionString);
            var present = (await connection.QueryAsync<string>(
                "select table_name from information_schema.tables where table_schema = 'public' and table_name = any(@Tables)", new { Tables })).Order(StringComparer.Ordinal).ToList();
            if (present.Count > 0)
            {
                state._queries.Add((name, connectionString,
                    "select concat_ws(',', " + string.Join(", ", present.Select(t => $"'{t}=' || (select count(*) from {t})")) + ")"));
            }
        }

        return state;
    }

    public async Task<string> SnapshotAsync()
    {
        var parts = new List<string>();
        foreach (var (database, connectionString, sql) in _queries)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            parts.Add(database + ": " + await connection.ExecuteScalarAsync<string>(sql));
        }

        return string.Join("; ", parts);
    }
}
