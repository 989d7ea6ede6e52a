using CemOnPrem.Contracts.Cluster;
using CemOnPrem.Grains.Cluster;

namespace CemOnPrem.Server.Cluster;

/// <summary>Once the silo is active, makes sure the configured reminder canaries are registered (idempotent on every node).</summary>
internal sealed partial class ReminderCanaryStartup(
    IGrainFactory grains, ReminderCanarySettings settings, IHostApplicationLifetime lifetime, ILogger<ReminderCanaryStartup> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    private const int Attempts = 5;

    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(
            nameof(ReminderCanaryStartup),
            ServiceLifecycleStage.Active,
            _ =>
            {
                // In the background: start-up does not wait for the canaries, and a failure only delays them.
                Task.Run(() => RegisterAsync(lifetime.ApplicationStopping), CancellationToken.None).Ignore();
                return Task.CompletedTask;
            });
    }

    private async Task RegisterAsync(CancellationToken stopping)
    {
        for (var attempt = 1; attempt <= Attempts && settings.Count > 0 && !stopping.IsCancellationRequested; attempt++)
        {
            try
            {
                await Task.WhenAll(Enumerable.Range(0, settings.Count).Select(index =>
                    grains.GetGrain<IReminderCanaryGrain>(ReminderCanarySettings.KeyOf(index)).EnsureTickingAsync(settings.Period))).ConfigureAwait(false);
                LogRegistered(logger, settings.Count, settings.Period);
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogRegistrationFailed(logger, ex, attempt, Attempts);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(2 * attempt), stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder canaries registered: {Count} every {Period}")]
    private static partial void LogRegistered(ILogger logger, int count, TimeSpan period);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Registering the reminder canaries failed (attempt {Attempt} of {Attempts})")]
    private static partial void LogRegistrationFailed(ILogger logger, Exception exception, int attempt, int attempts);
}
