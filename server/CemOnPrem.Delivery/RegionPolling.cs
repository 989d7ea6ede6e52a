namespace CemOnPrem.Delivery;

/// <summary>
/// The loop of a node's outbox worker: a round for each region the node serves, again at once while any round was
/// busy, else after a pause. A failing round is reported and tried again at the next poll: rounds commit nothing
/// half-done (a claim that was not recorded comes due again at its lease's end), so a fault loses nothing.
/// </summary>
public static class RegionPolling
{
    /// <param name="roundAsync">One round for a region; true when there may be more to do right away.</param>
    /// <param name="failed">Told about a round's fault (the worker logs it), with the region.</param>
    public static async Task RunAsync(IReadOnlyList<string> regions, Func<string, CancellationToken, Task<bool>> roundAsync, TimeSpan pause, TimeProvider time,
        Action<string, Exception> failed, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentNullException.ThrowIfNull(roundAsync);
        ArgumentNullException.ThrowIfNull(failed);
        while (!stoppingToken.IsCancellationRequested)
        {
            var busy = false;
            foreach (var region in regions)
            {
                try
                {
                    busy |= await roundAsync(region, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    failed(region, ex);
                }
            }

            if (!busy)
            {
                try
                {
                    await Task.Delay(pause, time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
