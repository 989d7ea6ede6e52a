using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;

namespace CemOnPrem.Bench.Analytics;

/// <summary>
/// Reads a region's projection watermark every 10 ms until disposed: an event counts in the rollups from the first
/// sample above its transaction id (rollups and watermark commit together).
/// </summary>
internal sealed class WatermarkSampler : IAsyncDisposable
{
    private readonly ConcurrentQueue<(double AtMs, long Watermark)> _samples = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public WatermarkSampler(string regionConnection, Stopwatch clock)
    {
        _loop = Task.Run(async () =>
        {
            await using var connection = new NpgsqlConnection(regionConnection);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("select watermark from analytics_checkpoint", connection);
            while (!_stop.IsCancellationRequested)
            {
                var watermark = (long)(await command.ExecuteScalarAsync())!;
                _samples.Enqueue((clock.Elapsed.TotalMilliseconds, watermark));
                await Task.Delay(10);
            }
        });
    }

    public IReadOnlyCollection<(double AtMs, long Watermark)> Samples => _samples;

    /// <summary>Milliseconds from <paramref name="ackedAtMs"/> to the first sample above <paramref name="transaction"/>; infinity when none.</summary>
    public static double DelayOf(IEnumerable<(double AtMs, long Watermark)> history, double ackedAtMs, long transaction) =>
        history.FirstOrDefault(s => s.Watermark > transaction && s.AtMs >= ackedAtMs) is { AtMs: > 0 } seen ? seen.AtMs - ackedAtMs : double.PositiveInfinity;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
