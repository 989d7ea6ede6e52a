using System.Diagnostics;
using CemOnPrem.Bench.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CemOnPrem.Bench.Ceilings;

/// <summary>Grain-call throughput of an in-process silo: many concurrent callers, trivial grains.</summary>
internal static class OrleansCeiling
{
    public static async Task<double> MeasureAsync(int concurrency, int grains, TimeSpan warmup, TimeSpan duration)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo => silo.UseLocalhostClustering(BenchPostgres.FreeLoopbackPort(), BenchPostgres.FreeLoopbackPort()));
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var factory = host.Services.GetRequiredService<IGrainFactory>();
            await Parallel.ForEachAsync(Enumerable.Range(0, grains), new ParallelOptions { MaxDegreeOfParallelism = concurrency },
                async (key, _) => await factory.GetGrain<IPingGrain>(key).PingAsync(key));
            await RunAsync(factory, concurrency, grains, warmup);
            var calls = await RunAsync(factory, concurrency, grains, duration);
            return calls / duration.TotalSeconds;
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static async Task<long> RunAsync(IGrainFactory factory, int concurrency, int grains, TimeSpan duration)
    {
        long calls = 0;
        var endAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var key = worker;
            while (Stopwatch.GetTimestamp() < endAt)
            {
                key = (key + concurrency) % grains;
                await factory.GetGrain<IPingGrain>(key).PingAsync(key);
                Interlocked.Increment(ref calls);
            }
        }));
        await Task.WhenAll(workers);
        return calls;
    }
}

[Alias("bench.ping")]
public interface IPingGrain : IGrainWithIntegerKey
{
    [Alias("ping")]
    Task<int> PingAsync(int value);
}

public sealed class PingGrain : Grain, IPingGrain
{
    public Task<int> PingAsync(int value) => Task.FromResult(value + 1);
}
