using CemOnPrem.Audit.Chain;
using CemOnPrem.Audit.Records;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Audit.Checkpoints;

/// <summary>
/// Checks the tail and signs the head of the chain at start-up, every <see cref="AuditOptions.CheckpointIntervalSeconds"/>,
/// and once more when the node stops. A break it finds (<see cref="AuditChainGuard"/>) is recorded in the chain, once.
/// </summary>
public sealed partial class AuditCheckpointService(
    AuditCheckpointStore store, AuditSigningKey key, AuditChainGuard guard, IAuditTrail trail, IOptions<AuditOptions> options, TimeProvider clock,
    ILogger<AuditCheckpointService> logger) : BackgroundService
{
    /// <summary>The last checkpoint at stop is worth a moment, not the shutdown budget (the database may be down).</summary>
    private static readonly TimeSpan FinalCheckpointLimit = TimeSpan.FromSeconds(3);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.CheckpointIntervalSeconds), clock);
        try
        {
            // At start-up: a tail deleted while this node was down is reported before any interval passes.
            await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: fall through to the last checkpoint.
        }

        using var limit = new CancellationTokenSource(FinalCheckpointLimit);
        await SignAsync(limit.Token).ConfigureAwait(false);
    }

    /// <summary>One tick: check the tail and sign the head, then record a new break.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await SignAsync(cancellationToken).ConfigureAwait(false);
        if (guard.TakeUnrecorded() is not { } finding)
        {
            return;
        }

        try
        {
            // Appended after the gap, linked to the last signed checkpoint (AuditChainStore.AnchorOf): it cannot make the
            // chain look whole, audit verify still stops at the gap.
            await trail.RecordAsync(new AuditEntry(AuditActions.AuditChainBroken, "audit-chain", AuditOutcome.Failed)
            {
                Actor = AuditActor.System,
                Detail = $"broken-at={finding.BrokenAt} kind={finding.Kind} checkpoint={finding.CheckpointSequence}",
            }).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            guard.RecordFailed(finding);
            LogRecordFailed(logger, ex, finding.BrokenAt);
        }
    }

    private async Task SignAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await store.SignHeadAsync(key.Key, cancellationToken).ConfigureAwait(false) is { } checkpoint)
            {
                LogSigned(logger, checkpoint.Sequence);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            // The next tick tries again; a missing checkpoint weakens tail protection but loses no record.
            if (Storage.Databases.DatabaseOutage.IsConnectionLoss(ex))
            {
                LogUnavailable(logger, ex.Message);
            }
            else
            {
                LogFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Audit checkpoint signed at sequence {Sequence}")]
    private static partial void LogSigned(ILogger logger, long sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Signing an audit checkpoint failed; retrying at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Signing an audit checkpoint failed: database unavailable ({Reason}); retrying at the next interval")]
    private static partial void LogUnavailable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording the audit chain break at {BrokenAt} failed; retrying at the next interval")]
    private static partial void LogRecordFailed(ILogger logger, Exception exception, long brokenAt);
}
