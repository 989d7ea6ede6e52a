using CemOnPrem.Delivery;
using CemOnPrem.Http.Residency;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Surveys.Distribution;

/// <summary>
/// On every node, for each region it serves: deliver the survey outbox's due rows. Every node may run it at once:
/// claims use <c>skip locked</c> and leases, so they share the work without doubling it.
/// </summary>
public sealed partial class DistributionWorker(
    SurveyOutboxDispatcher dispatcher, NodeRegions node, IOptions<DistributionOptions> options, TimeProvider time, ILogger<DistributionWorker> logger)
    : BackgroundService
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
            return await dispatcher.RunOnceAsync(region, ct).ConfigureAwait(false) > 0;
        }, TimeSpan.FromSeconds(settings.PollSeconds), time, (region, ex) => LogFailed(logger, region, ex), stoppingToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Survey distribution disabled on this node by configuration (Cem:Surveys:Distribution:Enabled)")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Survey distribution for region {Region} failed; retrying at the next poll")]
    private static partial void LogFailed(ILogger logger, string region, Exception exception);
}
