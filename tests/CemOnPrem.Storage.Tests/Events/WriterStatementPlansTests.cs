using CemOnPrem.Storage.Databases;
using CemOnPrem.Storage.Events;
using CemOnPrem.Testing;
using Dapper;

namespace CemOnPrem.Storage.Tests.Events;

/// <summary>
/// The event writer's statements are prepared (<see cref="DataSources.CreateForEventWriter"/>), so PostgreSQL runs them
/// with a generic plan made once per connection — and replanned only after the next ANALYZE. A plan made while a table
/// is small scans it sequentially; at ingest rates the table grows by hundreds of thousands of rows before autovacuum analyzes it
/// again. Every lookup of the writer must therefore probe by key whatever the table's statistics say.
/// </summary>
public sealed class WriterStatementPlansTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private const string Eu = MigratedDatabases.EuCentral;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    // Statement → arguments for EXPLAIN EXECUTE (any value: a generic plan does not look at them).
    private static readonly Dictionary<string, (string Sql, string Arguments)> Lookups = new(StringComparer.Ordinal)
    {
        ["receipts"] = (EventLogWriter.Sql.ReadReceipts, "'{}', '{}'"),
        ["owners"] = (EventLogWriter.Sql.ReadOwners, "'{}', '{}'"),
        ["customer row locks"] = (EventLogWriter.Sql.LockCustomers, "'{}'"),
        ["merge survivor candidates"] = (EventLogWriter.Sql.LockSurvivorCandidates, "'{}'"),
        ["merge: identities"] = (EventLogWriter.Sql.MergeIdentities, "'a', 'b'"),
        ["merge: keys"] = (EventLogWriter.Sql.MergeKeys, "'a', 'b'"),
        ["merge: events"] = (EventLogWriter.Sql.MergeEvents, "'a', 'b'"),
        ["merge: customers"] = (EventLogWriter.Sql.MergeCustomers, "'a', 'b'"),
        ["merge: epoch"] = (EventLogWriter.Sql.BumpEpoch, "'a'"),
    };

    [Fact]
    public async Task Every_lookup_of_the_writer_probes_by_key_in_its_generic_plan_even_while_the_tables_are_small()
    {
        var sample = new Sample();
        var writer = new EventLogWriter(databases.Regions, TimeProvider.System, databases.Protection);
        await writer.AppendAsync(Eu, [sample.Event(Eu, sample.Account(1)), sample.Event(Eu, sample.Email(2))], Cancellation);

        // The writer's own connection settings, on a pool of its own so the session settings below stay here.
        await using var dataSource = DataSources.CreateForEventWriter(databases.RegionConnectionStrings[Eu]);
        await using var connection = await dataSource.OpenConnectionAsync(Cancellation);
        await connection.ExecuteAsync("analyze customers, customer_identities, customer_keys, events");
        await connection.ExecuteAsync("set plan_cache_mode = force_generic_plan");

        var scans = new List<string>();
        foreach (var (name, (sql, arguments)) in Lookups)
        {
            await connection.ExecuteAsync($"prepare writer_lookup as {sql}");
            var plan = string.Join("\n", await connection.QueryAsync<string>($"explain execute writer_lookup({arguments})"));
            await connection.ExecuteAsync("deallocate writer_lookup");
            if (plan.Contains("Seq Scan", StringComparison.Ordinal))
            {
                scans.Add($"{name}:\n{plan}");
            }
        }

        Assert.True(scans.Count == 0, "sequential scans in generic plans of the writer's statements:\n" + string.Join("\n", scans));
    }
}
