using CemOnPrem.Http.OrgUnits;
using System.Diagnostics;
using System.Globalization;
using CemOnPrem.Analytics.Model;
using CemOnPrem.Analytics.Projection;
using CemOnPrem.Bench.Infrastructure;
using CemOnPrem.Bench.Reporting;
using CemOnPrem.Analytics.Rollups;
using CemOnPrem.Storage.Databases;
using CemOnPrem.Storage.Migrations;
using CemOnPrem.Storage.OrgUnits;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CemOnPrem.Bench.Analytics;

/// <summary>
/// <c>./cem bench analytics</c>: seeds 1M then 10M feedback events (binary COPY), lets the real projector build
/// the rollups, then measures "NPS by org unit × month over a year" through the real server's API against the
/// naive GROUP BY over raw events, and the delay from 202 to visible in the rollups under live ingest.
/// </summary>
internal static class AnalyticsBench
{
    private const string Region = "cn-east";

    public static async Task<int> RunAsync(BenchArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var sizes = args.String("events", "1000000,10000000").Split(',').Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToList();
        var queries = args.Int("queries", 100);
        var naiveRuns = args.Int("naive-runs", 5);
        var freshness = args.Duration("freshness", TimeSpan.FromSeconds(30));
        await using var postgres = await BenchPostgres.StartAsync(args.OptionalString("data-dir"), args.Flag("keep"));
        var regionConnection = postgres.ConnectionString("cem_cn_east");
        var (tree, branches) = await PrepareAsync(postgres);
        var now = DateTimeOffset.UtcNow;
        var results = new AnalyticsResults { Machine = MachineFacts.Collect(postgres.Version) };
        long seeded = 0;
        foreach (var size in sizes)
        {
            var seed = Stopwatch.StartNew();
            await AnalyticsSeed.SeedAsync(regionConnection, Region, branches, seeded / AnalyticsSeed.EventsPerCustomer, size / AnalyticsSeed.EventsPerCustomer, now,
                done => Progress($"seeding {seeded + done:N0} / {size:N0} events"));
            Console.WriteLine();
            seeded = size;
            await ExecuteAsync(regionConnection, "vacuum analyze events");
            var seedSeconds = seed.Elapsed.TotalSeconds;

            var project = Stopwatch.StartNew();
            await ProjectAsync(postgres, size);
            project.Stop();
            // The whole database: projection rewrote per-customer state and journeys too, and autovacuum catching up on
            // them during the timed queries made p95 swing by ±10 ms between runs of the same code.
            await ExecuteAsync(regionConnection, "vacuum analyze");
            var cells = await ScalarAsync(regionConnection, "select count(*) from metric_rollups");
            Console.WriteLine(F($"{size:N0} events: seeded in {seedSeconds:0} s, projected in {project.Elapsed.TotalSeconds:0} s ({size / project.Elapsed.TotalSeconds:N0} events/s), {cells:N0} rollup cells"));

            await using var server = await ServerProcess.StartAsync(args.String("server", RepoPaths.ServerDll), postgres, true, "analytics-" + size, [], []);
            await QuietAsync(postgres);
            var run = new AnalyticsRun { Events = size, SeedSeconds = seedSeconds, ProjectSeconds = project.Elapsed.TotalSeconds, RollupCells = cells };
            run.RollupByRegionMs = await TimeRollupsAsync(postgres, tree, "hq", now, queries);
            run.RollupByBranchMs = await TimeRollupsAsync(postgres, tree, "r01", now, queries);
            run.NaiveMs = await TimeNaiveAsync(regionConnection, now, naiveRuns);
            Console.WriteLine(F($"  NPS by org unit x month, 1 year: rollups (query path below HTTP) p50 {run.RollupByRegionMs.P50:0.0} ms p95 {run.RollupByRegionMs.P95:0.0} ms (10 regions), p95 {run.RollupByBranchMs.P95:0.0} ms (20 branches); naive GROUP BY p50 {run.NaiveMs.P50:0} ms p95 {run.NaiveMs.P95:0} ms"));
            if (size == sizes[^1])
            {
                run.FreshnessMs = await FreshnessProbe.MeasureAsync(server, regionConnection, branches, freshness);
                Console.WriteLine(F($"  202 -> visible in rollups: p50 {run.FreshnessMs.P50:0} ms p95 {run.FreshnessMs.P95:0} ms p99 {run.FreshnessMs.P99:0} ms max {run.FreshnessMs.Max:0} ms over {run.FreshnessMs.Count:N0} events"));
            }

            results.Runs.Add(run);
        }

        if (results.Runs.Count > 1)
        {
            results.GrowthP95 = results.Runs[^1].RollupByRegionMs.P95 / results.Runs[0].RollupByRegionMs.P95;
            Console.WriteLine(F($"p95 growth {results.Runs[0].Events:N0} -> {results.Runs[^1].Events:N0}: x{results.GrowthP95:0.00}"));
        }

        Console.WriteLine("results: " + ResultFiles.Write(args.String("out", RepoPaths.Results), "analytics", args.OptionalString("label"), results));
        return 0;
    }

    /// <summary>Migrates the databases and creates the org tree: hq → 10 regions → 20 branches each.</summary>
    private static async Task<(IReadOnlyList<OrgUnitDraft> Tree, IReadOnlyList<string> Branches)> PrepareAsync(BenchPostgres postgres)
    {
        var control = postgres.ConnectionString("cem_control");
        await SchemaMigrator.MigrateAsync(control, SchemaKind.Control, NullLogger.Instance, CancellationToken.None);
        var regions = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["cn-east"] = postgres.ConnectionString("cem_cn_east"),
            ["eu-central"] = postgres.ConnectionString("cem_eu_central"),
        };
        await using (var pinning = new RegionDatabases(regions))
        {
            foreach (var (region, connectionString) in regions)
            {
                await SchemaMigrator.MigrateAsync(connectionString, SchemaKind.Region, NullLogger.Instance, CancellationToken.None);
                await RegionPinning.EnsureAsync(pinning.For(region), region, CancellationToken.None);
            }
        }

        var units = new List<OrgUnitDraft> { new("hq", "Head office", "hq", null) };
        var branches = new List<string>();
        for (var r = 1; r <= 10; r++)
        {
            var region = F($"r{r:00}");
            units.Add(new OrgUnitDraft(region, region, "region", "hq"));
            for (var b = 1; b <= 20; b++)
            {
                var branch = F($"{region}-b{b:00}");
                units.Add(new OrgUnitDraft(branch, branch, "branch", region));
                branches.Add(branch);
            }
        }

        await new OrgUnitStore(new ControlDatabase(control)).UpsertAsync(units, CancellationToken.None);
        return (units, branches);
    }

    private static async Task ProjectAsync(BenchPostgres postgres, long size)
    {
        await using var regions = new RegionDatabases(new Dictionary<string, string> { [Region] = postgres.ConnectionString("cem_cn_east") });
        var projector = new AnalyticsProjector(new ProjectionStore(regions), regions, new BuiltInsOnly(), TimeProvider.System,
            Options.Create(new ProjectionOptions()), NullLogger<AnalyticsProjector>.Instance);
        var store = new ProjectionStore(regions);
        CycleResult result;
        do
        {
            result = await projector.RunCycleAsync(Region, CancellationToken.None);
            var status = await store.ReadStatusAsync(Region, CancellationToken.None);
            Progress(F($"projecting: {size - status.EventsPending:N0} / {size:N0} events"));
        }
        while (result.HasMore || result.Customers > 0);

        Console.WriteLine();
    }

    /// <summary>
    /// "NPS by org unit × month over a year" the way GET /api/v1/metrics/nps?orgUnit=X&amp;groupBy=orgUnit,month answers
    /// it below HTTP: the org tree from the node's cache (as the API), the rollup read (subtree codes, month grain) and
    /// the roll-up of codes into X's children.
    /// In-process because the API needs a person's token (code + PKCE + TOTP), which a bench cannot sign in for.
    /// </summary>
    private static async Task<LatencySummary> TimeRollupsAsync(BenchPostgres postgres, IReadOnlyList<OrgUnitDraft> tree, string orgUnit, DateTimeOffset now, int runs)
    {
        await using var regions = new RegionDatabases(new Dictionary<string, string>
        {
            ["cn-east"] = postgres.ConnectionString("cem_cn_east"),
            ["eu-central"] = postgres.ConnectionString("cem_eu_central"),
        });
        var reader = new RollupReader(regions);
        var trees = new OrgTreeCache(new OrgUnitStore(new ControlDatabase(postgres.ConnectionString("cem_control"))), TimeProvider.System);
        var to = DateOnly.FromDateTime(now.UtcDateTime);
        var samples = new List<double>();
        for (var i = -10; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            var subtree = (await trees.CurrentAsync(orgUnit, CancellationToken.None)).Subtree(orgUnit);
            var children = subtree.Where(u => u.ParentCode == orgUnit).ToList();
            var groupOf = subtree.ToDictionary(u => u.Code, u => children.FirstOrDefault(c => u.Path.StartsWith(c.Path, StringComparison.Ordinal))?.Code ?? u.Code);
            var query = new RollupQuery("nps", to.AddDays(-364), to, [.. subtree.Select(u => u.Code)], null, TimeGrain.Month, ByStage: false);
            var reads = await Task.WhenAll(regions.Regions.Select(region => reader.ReadAsync(region, query, CancellationToken.None)));
            var groups = new Dictionary<(DateOnly?, string), RollupValues>();
            foreach (var row in reads.SelectMany(rows => rows))
            {
                var key = (row.Period, groupOf.GetValueOrDefault(row.OrgUnit, ""));
                if (!groups.TryGetValue(key, out var values))
                {
                    groups[key] = values = new RollupValues();
                }

                values.Add(row.Values);
            }

            watch.Stop();
            if (i >= 0)
            {
                samples.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        return LatencySummary.Of(samples);
    }

    /// <summary>
    /// Steady state before timing: the freshly started server past its start-up work (JIT, silo start, first projector
    /// cycles) and no autovacuum worker running. Both are transient after a bulk load and not what a query meets in
    /// daily use; the server stays up (its idle projector poll is part of the measurement).
    /// </summary>
    private static async Task QuietAsync(BenchPostgres postgres)
    {
        var waited = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(10));
        while (waited.Elapsed < TimeSpan.FromMinutes(5)
               && await ScalarAsync(postgres.ConnectionString("postgres"), "select count(*) from pg_stat_activity where backend_type = 'autovacuum worker'") > 0)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        Console.WriteLine(F($"  settled for {waited.Elapsed.TotalSeconds:0} s (server start-up, autovacuum) before timing"));
    }

    /// <summary>The same question answered from raw events: one GROUP BY over a year of the log.</summary>
    private static async Task<LatencySummary> TimeNaiveAsync(string connectionString, DateTimeOffset now, int runs)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var samples = new List<double>();
        for (var i = -1; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await using var command = new NpgsqlCommand(
                """
                select org_unit, date_trunc('month', occurred_at) as month, count(*),
                       count(*) filter (where (scores->>'nps')::numeric >= 9), count(*) filter (where (scores->>'nps')::numeric <= 6)
                from events
                where kind = 'feedback' and scores ? 'nps' and occurred_at >= $1 and occurred_at < $2
                group by 1, 2
                """, connection);
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now.AddDays(-365) });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now.AddDays(1) });
            command.CommandTimeout = 600;
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                }
            }

            if (i >= 0)
            {
                samples.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        return LatencySummary.Of(samples);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 3600 };
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static void Progress(string line) => Console.Write("\r" + line + "        ");

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>No packs: the seeded events are NPS answers, which the built-in metric counts.</summary>
    private sealed class BuiltInsOnly : IAnalyticsModels
    {
        public AnalyticsModel Current => AnalyticsModel.Empty;

        public Task<Sdk.Metrics.MetricContribution?> ContributeAsync(Packs.Hosting.PackMetricCalculator calculator, Sdk.Metrics.MetricContext context,
            CancellationToken cancellationToken) => Task.FromResult<Sdk.Metrics.MetricContribution?>(null);
    }
}
