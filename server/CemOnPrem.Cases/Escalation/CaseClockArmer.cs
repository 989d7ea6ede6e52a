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
/// reminder and <c>clocks_armed</c>, only costs a repeat.
/// </summary>
public sealed partial class CaseClockArmer(RegionDatabases regions, CaseClockStore store, IGrainFactory grains, IOptions<EscalationOptions> options,
    TimeProvider time, ILogger<CaseClockArmer> logger) : BackgroundService
{
    private const int Parallelism = 8;

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
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A region database or the cluster is unavailable: the next pass finds the same cases.
                LogPassFailed(logger, ex);
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
            // Keyset paging: a case that fails to arm is not asked again until the next pass.
            var after = "";
            while (true)
            {
                var batch = await store.UnarmedAsync(region, after, options.Value.ArmBatchSize, cancellationToken).ConfigureAwait(false);
                if (batch.Count == 0)
                {
                    break;
                }

                var parallel = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
                await Parallel.ForEachAsync(batch, parallel, async (item, _) =>
                {
                    if (await ArmOneAsync(region, item.CaseId, item.Version).ConfigureAwait(false))
                    {
                        Interlocked.Increment(ref armed);
                    }
                }).ConfigureAwait(false);
                after = batch[^1].CaseId;
                if (batch.Count < options.Value.ArmBatchSize)
                {
                    break;
                }
            }
        }

        return armed;
    }

    private async Task<bool> ArmOneAsync(string region, string caseId, int version)
    {
        try
        {
            await grains.GetGrain<ICaseClockGrain>(RegionalKey.Compose(region, caseId)).ArmAsync(version).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or OperationCanceledException))
        {
            LogArmFailed(logger, caseId, ex);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case clock arming pass failed; retrying at the next interval")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {CaseId}: arming its clocks failed; retrying at the next pass")]
    private static partial void LogArmFailed(ILogger logger, string caseId, Exception exception);
}
