using CemOnPrem.Testing;
using Dapper;
using Npgsql;

namespace CemOnPrem.Storage.Tests.Databases;

/// <summary>
/// The storage invariant of residency: in a migrated, pinned region database <b>every</b> table that stores rows of a
/// region (a <c>region</c> column, or a <c>grain_key</c> starting with the region) refuses rows of another region. The
/// tables are found in the catalog, not listed here, so a table added by a later migration without pinning fails.
/// </summary>
public sealed class RegionPinningInvariantTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    /// <summary>Holds the region the database is pinned to; it is the pin, not a row of the region.</summary>
    private const string PinTable = "region_identity";

    // Columns with their own CHECK: a valid value, so that the region pin is what refuses the row (PostgreSQL checks
    // constraints in name order, and "decision_check" comes before "region_pinned").
    private static readonly Dictionary<(string Table, string Column), string> ValidValues = new()
    {
        [("survey_invitations", "decision")] = "'invited'",
        [("consent_entries", "status")] = "'granted'",
        [("privacy_requests", "type")] = "'access'",
        [("privacy_requests", "status")] = "'received'",
        [("cases", "origin")] = "'rule'",
        [("cases", "state")] = "'new'",
        [("cases", "priority")] = "1",
        [("case_outbox", "kind")] = "'webhook'",
        [("case_outbox", "state")] = "'pending'",
        [("invitations", "origin")] = "'manual'",
        [("invitations", "channel")] = "'link'",
        [("invitations", "status")] = "'pending'",
        [("survey_responses", "status")] = "'in-progress'",
        // R0092_survey_outbox
        [("survey_outbox", "channel")] = "'link'",
        [("survey_outbox", "state")] = "'pending'",
    };

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(MigratedDatabases.EuCentral)]
    [InlineData(MigratedDatabases.CnEast)]
    public async Task Every_table_with_a_region_column_is_pinned_to_the_database_region(string region)
    {
        await using var connection = await databases.Regions.For(region).OpenConnectionAsync(Cancellation);
        var tables = await TablesWithColumnAsync(connection, "region");
        var pinned = await TablesWithCheckAsync(connection, $"CHECK ((region = '{region}'::text))");

        // The list is not empty and contains the tables we know of, so the catalog query itself is not broken.
        Assert.Superset(new HashSet<string>(["customers", "customer_identities", "events"], StringComparer.Ordinal), tables.ToHashSet(StringComparer.Ordinal));
        Assert.Empty(tables.Where(table => table != PinTable).Except(pinned, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(MigratedDatabases.EuCentral)]
    [InlineData(MigratedDatabases.CnEast)]
    public async Task Every_table_keyed_by_grain_key_is_pinned_to_the_database_region(string region)
    {
        await using var connection = await databases.Regions.For(region).OpenConnectionAsync(Cancellation);
        var tables = await TablesWithColumnAsync(connection, "grain_key");
        var pinned = await TablesWithCheckAsync(connection, $"CHECK ((split_part(grain_key, '/'::text, 1) = '{region}'::text))");

        Assert.Contains("grain_state", tables);
        Assert.Empty(tables.Except(pinned, StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_row_of_another_region_is_refused_by_every_pinned_table()
    {
        await using var connection = await databases.Regions.For(MigratedDatabases.EuCentral).OpenConnectionAsync(Cancellation);
        var tables = (await TablesWithColumnAsync(connection, "region")).Where(table => table != PinTable)
            .Select(table => (Table: table, Column: "region", Value: "cn-east"))
            .Concat((await TablesWithColumnAsync(connection, "grain_key")).Select(table => (Table: table, Column: "grain_key", Value: "cn-east/c-1")))
            .ToList();
        Assert.NotEmpty(tables);

        foreach (var (table, column, value) in tables)
        {
            var insert = await SyntheticInsertAsync(connection, table, column);
            var error = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(insert, new { value }));
            Assert.Equal((PostgresErrorCodes.CheckViolation, $"{table}_region_pinned"), (error.SqlState, error.ConstraintName));
        }
    }

    private static async Task<List<string>> TablesWithColumnAsync(NpgsqlConnection connection, string column) =>
        [.. await connection.QueryAsync<string>(
            """
            select c.relname from pg_class c
            join pg_namespace n on n.oid = c.relnamespace
            join pg_attribute a on a.attrelid = c.oid and a.attname = @column and not a.attisdropped
            where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_temp%'
            order by c.relname
            """, new { column })];

    private static async Task<List<string>> TablesWithCheckAsync(NpgsqlConnection connection, string definition) =>
        [.. await connection.QueryAsync<string>(
            "select conrelid::regclass::text from pg_constraint where contype = 'c' and pg_get_constraintdef(oid) = @definition",
            new { definition })];

    /// <summary>
    /// An INSERT that fills every required column with a harmless value of its type and <paramref name="pinnedColumn"/>
    /// with <c>@value</c>. PostgreSQL checks NOT NULL, then CHECK constraints, and only then keys and foreign keys, so
    /// the pinning CHECK is what refuses it.
    /// </summary>
    private static async Task<string> SyntheticInsertAsync(NpgsqlConnection connection, string table, string pinnedColumn)
    {
        var columns = await connection.QueryAsync<(string Name, string Type)>(
            """
            select a.attname, format_type(a.atttypid, a.atttypmod) from pg_attribute a
            where a.attrelid = @table::regclass and a.attnum > 0 and not a.attisdropped and a.attnotnull
              and a.attidentity = '' and a.attgenerated = '' and not a.atthasdef
            order by a.attnum
            """, new { table });
        var names = new List<string>();
        var values = new List<string>();
        foreach (var (name, type) in columns)
        {
            names.Add(name);
            values.Add(name == pinnedColumn ? "@value" : ValidValues.TryGetValue((table, name), out var valid) ? valid : type switch
            {
                "text" => "'x'",
                "integer" or "bigint" or "smallint" or "numeric" or "double precision" => "1",
                "boolean" => "true",
                "timestamp with time zone" => "now()",
                "date" => "current_date",
                "jsonb" => "'{}'::jsonb",
                "uuid" => "gen_random_uuid()",
                "bigint[]" or "text[]" => "'{}'",
                "bytea" => "'\\x00'::bytea",
                _ => throw new InvalidOperationException($"{table}.{name}: add a value for type '{type}' to this test."),
            });
        }

        Assert.Contains(pinnedColumn, names);
        return $"insert into {table} ({string.Join(", ", names)}) values ({string.Join(", ", values)})";
    }
}
