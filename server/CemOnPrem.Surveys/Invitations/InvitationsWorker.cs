using CemOnPrem.Delivery;
using CemOnPrem.Http.Residency;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Surveys.Invitations;

/// <summary>
/// On every node, for each region it serves: turn due trigger decisions into invitations, and expire old ones. Every
/// node may run it at once: both steps claim rows with <c>skip locked</c>, and a decision makes at most one invitation.
/// </summary>
public sealed partial class InvitationsWorker(
    InvitationPlanner planner, InvitationExpiry expiry, NodeRegions node, IOptions<InvitationOptions> options, TimeProvider time,
    ILogger<InvitationsWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Sending;
        if (!settings.Enabled)
        {
            LogDisabled(logger);
            return;
        }

        await RegionPolling.RunAsync(node.Served, async (region, ct) =>
        {
            var planned = await planner.RunOnceAsync(region, ct).ConfigureAwait(false);
            var expired = await expiry.RunOnceAsync(region, settings.BatchSize, ct).ConfigureAwait(false);
            return planned >= settings.BatchSize || expired >= settings.BatchSize;
        }, TimeSpan.FromSeconds(settings.PollSeconds), time, (region, ex) => LogFailed(logger, region, ex), stoppingToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Survey invitations from triggers disabled on this node by configuration (Cem:Surveys:Sending:Enabled)")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Survey invitations for region {Region} failed; retrying at the next poll")]
    private static partial void LogFailed(ILogger logger, string region, Exception exception);
}
