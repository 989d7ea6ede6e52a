using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Governance.Retention;

/// <summary>
/// Runs the retention purge every <see cref="RetentionOptions.IntervalMinutes"/> when <see cref="RetentionOptions.Enabled"/>
/// (off by default). Every node runs it; the purge's statements are idempotent and its erasures lock the customers'
/// rows, so two nodes at once only do the work once.
/// </summary>
public sealed partial class RetentionJob(RetentionPurge purge, IOptions<PrivacyOptions> options, TimeProvider time, ILogger<RetentionJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retention = options.Value.Retention;
        if (!retention.Enabled)
        {
            LogDisabled(logger);
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMinutes(retention.IntervalMinutes), time, stoppingToken).ConfigureAwait(false);
                var report = await purge.RunAsync(retention.DryRun, stoppingToken).ConfigureAwait(false);
                var rows = report.Counts.Sum(c => c.Rows);
                LogRun(logger, report.DryRun, rows);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Nothing of a failed region's run was committed; the next interval tries again.
                LogFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention purge disabled by configuration (Cem:Privacy:Retention:Enabled)")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention run finished (dry run: {DryRun}): {Rows} rows")]
    private static partial void LogRun(ILogger logger, bool dryRun, long rows);

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention run failed; retrying at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
