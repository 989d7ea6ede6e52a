using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Audit.Checkpoints;

/// <summary>Signs the head of the chain every <see cref="AuditOptions.CheckpointIntervalSeconds"/>, and once more when the node stops.</summary>
public sealed partial class AuditCheckpointService(
    AuditCheckpointStore store, AuditSigningKey key, IOptions<AuditOptions> options, TimeProvider clock, ILogger<AuditCheckpointService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.CheckpointIntervalSeconds), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await SignAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: fall through to the last checkpoint.
        }

        await SignAsync(CancellationToken.None).ConfigureAwait(false);
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
            LogFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Audit checkpoint signed at sequence {Sequence}")]
    private static partial void LogSigned(ILogger logger, long sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Signing an audit checkpoint failed; retrying at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
