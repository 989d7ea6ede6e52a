using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using CemOnPrem.Bench.Analytics;
using CemOnPrem.Bench.Infrastructure;
using CemOnPrem.Bench.Load;
using CemOnPrem.Bench.Reporting;
using Npgsql;

namespace CemOnPrem.Bench.Cases;

/// <summary>
/// <c>./cem bench cases</c>: the real server with the banking pack loaded; a burst of detractor answers after branch
/// visits (each fires the pack's <c>branch-detractor</c> rule) posted as NDJSON batches through the real ingest API;
/// cases opened per second and the delay from each event's 202 to its case being visible in <c>cases</c>.
/// </summary>
internal static class CasesBench
{
    private const string RegionDatabase = "cem_cn_east";

    public static async Task<int> RunAsync(BenchArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var events = args.Int("events", 100_000);
        var batchSize = args.Int("batch-size", 500);
        var concurrency = args.Int("concurrency", 4);
        await using var postgres = await BenchPostgres.StartAsync(args.OptionalString("data-dir"), args.Flag("keep"));
        var packs = StageBankingPack(postgres.Directory);
        await using var server = await ServerProcess.StartAsync(args.String("server", RepoPaths.ServerDll), postgres, true, "cases", [],
            [$"CEM__PACKS__DIRECTORY={packs}", "CEM__PACKS__ALLOWUNSIGNED=true"]);
        var regionConnection = postgres.ConnectionString(RegionDatabase);
        var results = new CasesResults { Machine = MachineFacts.Collect(postgres.Version), Events = events, BatchSize = batchSize, Concurrency = concurrency };

        var clock = Stopwatch.StartNew();
        var sampler = new CaseSampler(regionConnection, clock);
        using var stop = new CancellationTokenSource();
        var sampling = sampler.RunAsync(stop.Token);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var acked = await BurstAsync(server, tag, events, batchSize, concurrency, clock);
        var burstMs = acked.Values.Max();
        results.IngestEventsPerSecond = events / (burstMs / 1000);
        Console.WriteLine(F($"burst: {events:N0} detractor answers acknowledged in {burstMs / 1000:0.0} s ({results.IngestEventsPerSecond:N0} events/s)"));

        // Until every event has its case, or nothing new for 60 s.
        var (seen, quietSince) = (0, clock.Elapsed);
        while (sampler.VisibleAtMs.Count < events && clock.Elapsed - quietSince < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(500);
            if (sampler.VisibleAtMs.Count > seen)
            {
                (seen, quietSince) = (sampler.VisibleAtMs.Count, clock.Elapsed);
                Console.Write(F($"\rcases visible: {seen:N0} / {events:N0}   "));
            }
        }

        Console.WriteLine();
        await stop.CancelAsync();
        await sampling;
        var delays = await DelaysAsync(regionConnection, tag, acked, sampler.VisibleAtMs);
        results.CasesOpened = delays.Count(d => !double.IsPositiveInfinity(d));
        var lastVisible = sampler.VisibleAtMs.Values.DefaultIfEmpty(burstMs).Max();
        results.CasesPerSecond = results.CasesOpened / (lastVisible / 1000);
        results.EventToCaseMs = LatencySummary.Of(delays);
        Console.WriteLine(F($"cases: {results.CasesOpened:N0} opened, {results.CasesPerSecond:N0} cases/s; 202 -> case visible p50 {results.EventToCaseMs.P50:0} ms p95 {results.EventToCaseMs.P95:0} ms p99 {results.EventToCaseMs.P99:0} ms max {results.EventToCaseMs.Max:0} ms"));
        Console.WriteLine("results: " + ResultFiles.Write(args.String("out", RepoPaths.Results), "cases", args.OptionalString("label"), results));
        return 0;
    }

    /// <summary>The banking pack's build output as the server's only pack (unsigned, allowed for the bench).</summary>
    internal static string StageBankingPack(string directory)
    {
        var built = Path.Combine(RepoPaths.Root, "plugins", "CemOnPrem.Packs.Banking", "bin", "Release", "net10.0");
        if (!File.Exists(Path.Combine(built, "pack.json")))
        {
            throw new InvalidOperationException($"{built} holds no built pack; build it first: dotnet build plugins/CemOnPrem.Packs.Banking -c Release");
        }

        var target = Path.Combine(directory, "packs", "CemOnPrem.Packs.Banking");
        foreach (var file in Directory.GetFiles(built, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(built, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy, overwrite: true);
        }

        return Path.GetDirectoryName(target)!;
    }

    /// <returns>Each event id with the moment (ms on <paramref name="clock"/>) its batch was acknowledged.</returns>
    private static async Task<Dictionary<string, double>> BurstAsync(ServerProcess server, string tag, int events, int batchSize, int concurrency, Stopwatch clock)
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.IngestToken);
        var acked = new Dictionary<string, double>(StringComparer.Ordinal);
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int batch;
            while ((batch = Interlocked.Increment(ref next)) * batchSize < events)
            {
                var ids = Enumerable.Range(batch * batchSize, Math.Min(batchSize, events - (batch * batchSize))).Select(i => F($"cases-{tag}-{i}")).ToList();
                var body = string.Join('\n', ids.Select((id, i) => Detractor(id, tag, (batch * batchSize) + i)));
                while (true)
                {
                    using var content = new StringContent(body, Encoding.UTF8, "application/x-ndjson");
                    using var response = await http.PostAsync(new Uri("api/v1/events/batch", UriKind.Relative), content);
                    if ((int)response.StatusCode == 202)
                    {
                        break;
                    }

                    if ((int)response.StatusCode != 503 && (int)response.StatusCode != 429)
                    {
                        throw new InvalidOperationException($"cases bench: POST answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                    }

                    await Task.Delay(100); // overloaded: the ingest queue is full, send the batch again
                }

                var at = clock.Elapsed.TotalMilliseconds;
                lock (acked)
                {
                    ids.ForEach(id => acked[id] = at);
                }
            }
        }));
        return acked;
    }

    private static string Detractor(string eventId, string tag, int number)
    {
        var branch = EventBodies.OrgUnits[number % 3]; // the three branches of the demo tree's cn-east region
        return string.Create(CultureInfo.InvariantCulture,
            $$"""{"eventId":"{{eventId}}","source":"bench-cases","occurredAt":"{{DateTimeOffset.UtcNow.AddSeconds(-1):O}}","region":"cn-east","customer":[{"type":"account","value":"CASES-{{tag}}-{{number % 20000}}"}],"type":"feedback","touchpoint":"branch-visit-completed","orgUnit":"{{branch}}","scores":{"nps":{{number % 7}} } }""");
    }

    private static async Task<List<double>> DelaysAsync(string regionConnection, string tag, Dictionary<string, double> acked, IReadOnlyDictionary<long, double> visible)
    {
        var delays = new List<double>(acked.Count);
        await using var connection = new NpgsqlConnection(regionConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select event_id, seq from events where source = 'bench-cases' and event_id like $1", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = $"cases-{tag}-%" });
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var ackedAt = acked[reader.GetString(0)];
            delays.Add(visible.TryGetValue(reader.GetInt64(1), out var at) ? Math.Max(0, at - ackedAt) : double.PositiveInfinity);
        }

        return delays;
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
