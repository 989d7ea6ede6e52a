using System.Diagnostics;
using System.Globalization;
using CemOnPrem.Bench.Ceilings;
using CemOnPrem.Bench.Infrastructure;
using CemOnPrem.Bench.Reporting;
using CemOnPrem.Contracts.Customers;
using CemOnPrem.Contracts.Regions;
using CemOnPrem.Grains.Residency;
using CemOnPrem.Storage.Databases;
using CemOnPrem.Storage.Events;
using CemOnPrem.Storage.GrainStorage;
using CemOnPrem.Storage.Migrations;
using CemOnPrem.Storage.Encryption;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Configuration;

namespace CemOnPrem.Bench.Memory;

/// <summary>
/// <c>./cem bench memory</c>: managed heap per active <see cref="ICustomerGrain"/> in an in-process silo over a
/// real, seeded region database (each customer has one identity and one event), as heap growth ÷ N after a
/// full compacting GC. The projection (the grain's state) is measured the same way on its own, so
/// "beyond its state" is the difference. Empty grains give Orleans' own floor.
/// </summary>
internal static class GrainMemoryBench
{
    private const int Warmup = 2_000;
    private const int Concurrency = 64;

    public static async Task<int> RunAsync(BenchArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var n = args.Int("customers", 100_000);
        await using var postgres = await BenchPostgres.StartAsync(args.OptionalString("data-dir"), args.Flag("keep"));
        var regions = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["cn-east"] = postgres.ConnectionString("cem_cn_east"),
            ["eu-central"] = postgres.ConnectionString("cem_eu_central"),
        };
        await SchemaMigrator.MigrateAsync(postgres.ConnectionString("cem_control"), SchemaKind.Control, NullLogger.Instance, CancellationToken.None);
        await using (var pinning = new RegionDatabases(regions))
        {
            foreach (var (region, connectionString) in regions)
            {
                await SchemaMigrator.MigrateAsync(connectionString, SchemaKind.Region, NullLogger.Instance, CancellationToken.None);
                await RegionPinning.EnsureAsync(pinning.For(region), region, CancellationToken.None);
            }
        }

        // The silo's own key cache starts empty, so the measured heap includes the data keys the grains unwrap.
        var keyDirectory = Directory.CreateTempSubdirectory("cem-bench-keys-").FullName;
        var seed = Stopwatch.StartNew();
        await using (var seedRegions = new RegionDatabases(regions))
        {
            var seeding = new FieldProtection(seedRegions, new FileKeyEncryptionKeyProvider(keyDirectory), new PersonalDataOptions());
            await MemorySeed.SeedAsync(regions["cn-east"], seeding, n + Warmup);
        }

        Console.WriteLine(F($"seeded {n + Warmup:N0} customers (one identity, one event each) in {seed.Elapsed.TotalSeconds:0.0} s"));

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(_ => new RegionDatabases(regions));
        builder.Services.AddSingleton(_ => new ControlDatabase(postgres.ConnectionString("cem_control")));
        builder.Services.AddSingleton(sp => new FieldProtection(
            sp.GetRequiredService<RegionDatabases>(), new FileKeyEncryptionKeyProvider(keyDirectory), new PersonalDataOptions()));
        builder.Services.AddSingleton<EventLogReader>();
        // As the server registers it: active grains are what the memory figure is about.
        builder.Services.AddSingleton<CemOnPrem.Grains.Customers.ActiveCustomerProjections>();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(BenchPostgres.FreeLoopbackPort(), BenchPostgres.FreeLoopbackPort());
            silo.AddCemGrainStorage();
            // Customer grains are region-placed: this silo serves the bench's regions, as a server node would.
            silo.UseCemRegionPlacement(regions.Keys);
            // Nothing may be collected while we count.
            silo.Configure<GrainCollectionOptions>(options => options.CollectionAge = TimeSpan.FromHours(4));
        });
        using var host = builder.Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();

        await ActivateCustomersAsync(grains, 0, Warmup);
        await ActivateEmptyAsync(grains, 0, Warmup);
        var before = HeapAfterFullGc();
        var activate = Stopwatch.StartNew();
        await ActivateCustomersAsync(grains, Warmup, n);
        activate.Stop();
        var afterCustomers = HeapAfterFullGc();
        await ActivateEmptyAsync(grains, Warmup, n);
        var afterEmpty = HeapAfterFullGc();
        var statistics = await grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        var active = statistics.Where(s => s.GrainType.Contains("customer", StringComparison.OrdinalIgnoreCase)).Sum(s => s.ActivationCount);

        var perCustomerGrain = (afterCustomers - before) / (double)n;
        var perEmptyGrain = (afterEmpty - afterCustomers) / (double)n;
        var perProjection = ProjectionSize.Measure(n);
        var result = new MemoryResult(
            MachineFacts.Collect(postgres.Version), n, active, activate.Elapsed.TotalSeconds, n / activate.Elapsed.TotalSeconds,
            before, afterCustomers, afterEmpty, perCustomerGrain, perProjection, perCustomerGrain - perProjection, perEmptyGrain,
            Environment.WorkingSet / (1024.0 * 1024.0), 3 * 1024, perCustomerGrain - perProjection <= 3 * 1024);
        await host.StopAsync();

        Console.WriteLine(F($"customer grains active: {active:N0} (activated {n:N0} in {activate.Elapsed.TotalSeconds:0.0} s, {result.ActivationsPerSecond:N0}/s)"));
        Console.WriteLine(F($"heap per active customer grain : {perCustomerGrain,8:N0} bytes"));
        Console.WriteLine(F($"  of which its state (projection): {perProjection,8:N0} bytes"));
        Console.WriteLine(F($"  beyond its state             : {result.BeyondStateBytes,8:N0} bytes (target <= 3,072) {(result.Met ? "MET" : "MISS")}"));
        Console.WriteLine(F($"heap per empty grain (Orleans floor): {perEmptyGrain,8:N0} bytes"));
        var path = ResultFiles.Write(args.String("out", RepoPaths.Results), "memory", args.OptionalString("label"), result);
        Console.WriteLine($"results: {path}");
        return 0;
    }

    internal static long HeapAfterFullGc()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static Task ActivateCustomersAsync(IGrainFactory grains, int from, int count) =>
        Parallel.ForEachAsync(Enumerable.Range(from, count), new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (i, _) =>
        {
            var view = await grains.GetGrain<ICustomerGrain>(RegionalKey.Compose("cn-east", MemorySeed.CustomerId(i))).GetViewAsync();
            if (view is null || view.EventCount != 1)
            {
                throw new InvalidOperationException($"Customer {i} did not load its seeded event.");
            }
        });

    private static Task ActivateEmptyAsync(IGrainFactory grains, int from, int count) =>
        Parallel.ForEachAsync(Enumerable.Range(from, count), new ParallelOptions { MaxDegreeOfParallelism = Concurrency },
            async (i, _) => await grains.GetGrain<IPingGrain>(i).PingAsync(i));

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

internal sealed record MemoryResult(
    MachineFacts Machine,
    int Customers,
    int ActiveCustomerGrains,
    double ActivationSeconds,
    double ActivationsPerSecond,
    long HeapBeforeBytes,
    long HeapAfterCustomerGrainsBytes,
    long HeapAfterEmptyGrainsBytes,
    double BytesPerCustomerGrain,
    double BytesPerProjection,
    double BeyondStateBytes,
    double BytesPerEmptyGrain,
    double WorkingSetMiB,
    double TargetBeyondStateBytes,
    bool Met);
