using CemOnPrem.Delivery;
using CemOnPrem.Http.Residency;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Cases.Notifications;

/// <summary>
/// On every node, for each region it serves: fan out new case history into the outbox, then deliver what is due.
/// Every node may run it at once: fan-out and claims use <c>skip locked</c>, so they share the work without doubling it.
/// </summary>
public sealed partial class NotificationsWorker(
    CaseOutboxFanOut fanOut, OutboxDispatcher dispatcher, NodeRegions node, IOptions<NotificationsOptions> options, TimeProvider time,
    ILogger<NotificationsWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            LogDisabled(logger);
            return;
        }

        await RegionPolling.RunAsync(node.Served, async (region, ct) =>
        {
            while (await fanOut.RunOnceAsync(region, ct).ConfigureAwait(false) >= settings.BatchSize)
            {
                // a full batch: more history waits
            }

            return await dispatcher.RunOnceAsync(region, ct).ConfigureAwait(false) > 0;
        }, TimeSpan.FromSeconds(settings.PollSeconds), time, (region, ex) => LogFailed(logger, region, ex), stoppingToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Case notifications disabled on this node by configuration (Cem:Cases:Notifications:Enabled)")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Case notifications for region {Region} failed; retrying at the next poll")]
    private static partial void LogFailed(ILogger logger, string region, Exception exception);
}
