using System.Collections.Concurrent;
using CemOnPrem.Contracts.Cases;
using CemOnPrem.Contracts.Regions;
using CemOnPrem.Storage.Databases;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Cases.Escalation;

/// <summary>
/// Each node, every <see cref="EscalationOptions.ArmIntervalMilliseconds"/>: for each region it serves, asks the clock
/// grain of every case whose <c>clocks_armed</c> lags its <c>clocks_version</c> (new cases, paused, resumed, resolved,
/// reopened) to arm its reminder. Arming is idempotent, so several nodes doing the same case, or a crash between the
/// reminder and <c>clocks_armed</c>, only costs a repeat. A region that fails logs when the outage begins and ends,
/// not on every pass.
/// </summary>
public sealed partial class CaseClockArmer(RegionDatabases regions, CaseClockStore store, IGrainFactory grains, IOptions<EscalationOptions> options,
    TimeProvider time, ILogger<CaseClockArmer> logger) : BackgroundService
{
    private const int Parallelism = 8;
    private readonly ConcurrentDictionary<string, DatabaseOutage> _outages = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(options.Value.ArmIntervalMilliseconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, stoppingToken).ConfigureAwait(false);
                await ArmPendingAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>One pass over every served region; each lagging case is asked once.</summary>
    /// <returns>How many cases were armed.</returns>
    public async Task<int> ArmPendingAsync(CancellationToken cancellationToken)
    {
        var armed = 0;
        foreach (var region in regions.Regions)
        {
            var outage = _outages.GetOrAdd(region, _ => new DatabaseOutage(TimeSpan.Zero, TimeSpan.Zero));
            try
            {
                var (done, failed) = await ArmRegionAsync(region, cancellationToken).ConfigureAwait(false);
                armed += done;
                if (failed is not null)
                {
                    throw failed;
                }

                if (outage.Succeeded())
                {
                    LogBack(logger, region);
                }
            }
            catch (Exception ex) when (ex is not (OutOfMemoryException or OperationCanceledException))
            {
                // The region's database or the cluster is unavailable: the next pass finds the same cases.
                if (outage.Failed())
                {
                    LogFailed(logger, ex, region);
                }
            }
        }

        return armed;
    }

    /// <returns>How many cases were armed, and the first failure of those that were not.</returns>
    private async Task<(int Armed, Exception? Failure)> ArmRegionAsync(string region, CancellationToken cancellationToken)
    {
        var armed = 0;
        Exception? failure = null;
        // Keyset paging: a case that fails to arm is not asked again until the next pass.
        var after = "";
        while (true)
        {
            var batch = await store.UnarmedAsync(region, after, options.Value.ArmBatchSize, cancellationToken).ConfigureAwait(false);
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(batch, parallel, async (item, _) =>
            {
                try
                {
                    await grains.GetGrain<ICaseClockGrain>(RegionalKey.Compose(region, item.CaseId)).ArmAsync(item.Version).ConfigureAwait(false);
                    Interlocked.Increment(ref armed);
                }
                catch (Exception ex) when (ex is not (OutOfMemoryException or OperationCanceledException))
                {
                    Interlocked.CompareExchange(ref failure, ex, null);
                }
            }).ConfigureAwait(false);
            if (batch.Count < options.Value.ArmBatchSize)
            {
                return (armed, failure);
            }

            after = batch[^1].CaseId;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Arming case clocks in region {Region} failed; retrying every pass until it works")]
    private static partial void LogFailed(ILogger logger, Exception exception, string region);

    [LoggerMessage(Level = LogLevel.Information, Message = "Arming case clocks in region {Region} works again")]
    private static partial void LogBack(ILogger logger, string region);
}
