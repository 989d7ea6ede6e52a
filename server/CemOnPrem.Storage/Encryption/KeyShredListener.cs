using System.Collections.Concurrent;
using CemOnPrem.Storage.Databases;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CemOnPrem.Storage.Encryption;

/// <summary>
/// Makes crypto-shredding reach this node's memory: listens on each served region's database for the data keys an
/// erasure or purge deleted (trigger of migration R0050, sent when the deleting transaction commits) and drops them
/// from <see cref="FieldProtection"/>'s cache. A node that may have missed announcements (not yet listening, or its
/// listening connection broke) empties the region's cache when it (re)connects, so nothing missed survives; a silently
/// dead connection is noticed by a probe every <see cref="ProbeInterval"/>. A lost connection is one warning per outage
/// and one line when it is back, with retries backing off from <see cref="RetryDelay"/> to <see cref="MaxRetryDelay"/>.
/// </summary>
public sealed partial class KeyShredListener(RegionDatabases regions, FieldProtection protection, ILogger<KeyShredListener> logger) : BackgroundService
{
    public const string Channel = "cem_customer_keys_shredded";

    public static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(15);

    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    /// <summary>Not longer: while not listening, keys cached meanwhile may be shredded elsewhere unnoticed until it reconnects.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(15);

    private readonly ConcurrentDictionary<string, TaskCompletionSource> _listening = new(StringComparer.Ordinal);

    /// <summary>Completes once the region's announcements are being received (for tests and readiness).</summary>
    public Task WhenListeningAsync(string region) => Signal(region).Task;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(regions.Regions.Select(region => ListenAsync(region, stoppingToken)));

    private async Task ListenAsync(string region, CancellationToken stoppingToken)
    {
        var outage = new DatabaseOutage(RetryDelay, MaxRetryDelay);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await regions.For(region).OpenConnectionAsync(stoppingToken).ConfigureAwait(false);
                connection.Notification += (_, e) => protection.ForgetShredded(region, e.Payload);
                await using (var listen = new NpgsqlCommand("listen " + Channel, connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken).ConfigureAwait(false);
                }

                // Announcements sent before LISTEN took effect were missed: start from an empty cache.
                protection.ForgetRegion(region);
                Signal(region).TrySetResult();
                if (outage.Succeeded())
                {
                    LogBack(logger, region);
                }

                while (true)
                {
                    if (!await connection.WaitAsync(ProbeInterval, stoppingToken).ConfigureAwait(false))
                    {
                        await using var probe = new NpgsqlCommand("select 1", connection);
                        await probe.ExecuteScalarAsync(stoppingToken).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Any failure (not only the network's): a faulted listener would stop the host. Not listening means whatever
                // is cached may already be shredded elsewhere.
                protection.ForgetRegion(region);
                if (outage.Failed())
                {
                    // The network's failures are expected and their stack traces say nothing; anything else is a bug to see.
                    if (DatabaseOutage.IsConnectionLoss(ex))
                    {
                        LogLost(logger, region, ex.Message);
                    }
                    else
                    {
                        LogFailed(logger, ex, region);
                    }
                }

                await Task.Delay(outage.NextRetryDelay(), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private TaskCompletionSource Signal(string region) =>
        _listening.GetOrAdd(region, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the key-shredding announcements of region {Region} ({Reason}); key cache emptied, reconnecting until the database is back")]
    private static partial void LogLost(ILogger logger, string region, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the key-shredding announcements of region {Region}; key cache emptied, reconnecting")]
    private static partial void LogFailed(ILogger logger, Exception exception, string region);

    [LoggerMessage(Level = LogLevel.Information, Message = "Receiving the key-shredding announcements of region {Region} again")]
    private static partial void LogBack(ILogger logger, string region);
}
