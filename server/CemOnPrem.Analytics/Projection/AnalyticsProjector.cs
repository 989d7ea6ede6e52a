using CemOnPrem.Analytics.Derivation;
using CemOnPrem.Analytics.Model;
using CemOnPrem.Analytics.Rollups;
using CemOnPrem.Storage.Databases;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Analytics.Projection;

/// <summary>
/// Keeps journeys and rollups of every region up to date with the event log. Each node runs one; per region only
/// the node holding the checkpoint row works at a time (the others skip), so a node that dies hands over at once.
/// A cycle re-derives every customer touched since the watermark and applies (new − old) contributions with the
/// new watermark in one transaction: exactly once, whatever crashes. Customers' histories come from the node's
/// <see cref="CustomerHistoryCache"/> plus their new events where it can vouch for them, else from the log.
/// </summary>
public sealed partial class AnalyticsProjector(
    ProjectionStore store, RegionDatabases regions, IAnalyticsModels models, TimeProvider time,
    IOptions<ProjectionOptions> options, ILogger<AnalyticsProjector> logger, IEnumerable<IProjectionObserver>? observers = null) : BackgroundService
{
    private readonly ProjectionOptions _options = options.Value;
    private readonly CustomerHistoryCache _histories = new(options.Value.HistoryCacheEvents);
    private readonly Dictionary<string, DateTimeOffset> _aheadReported = new(StringComparer.Ordinal);

    /// <summary>Events of customers' histories this node holds in memory.</summary>
    public long RememberedEvents => _histories.Events;

    /// <summary>Runs one cycle on a region.</summary>
    public async Task<CycleResult> RunCycleAsync(string region, CancellationToken cancellationToken)
    {
        await using var cycle = await store.BeginAsync(region, _options.MaxEventsPerCycle, _options.MaxDuePerCycle, time.GetUtcNow(), cancellationToken)
            .ConfigureAwait(false);
        if (cycle is null)
        {
            if (_histories.Holds(region))
            {
                _histories.NoteErasures(region, await store.ReadErasuresAsync(region, cancellationToken).ConfigureAwait(false));
            }

            return CycleResult.Skipped;
        }

        _histories.StartCycle(cycle);
        if (cycle.WatermarkAhead)
        {
            ReportWatermarkAhead(region, cycle.Watermark);
        }

        if (cycle.CustomerIds.Count == 0 && cycle.NewWatermark == cycle.Watermark)
        {
            return new CycleResult(false, 0, 0, false, WatermarkAhead: cycle.WatermarkAhead);
        }

        var previous = await cycle.ReadContributionsAsync(cancellationToken).ConfigureAwait(false);
        var (events, fromMemory) = await _histories.ReadAsync(cycle, previous, cancellationToken).ConfigureAwait(false);
        var derivation = new CustomerDerivation(models.Current, models.ContributeAsync);
        var delta = new RollupCells();
        var states = new List<CustomerAnalyticsState>(cycle.CustomerIds.Count);
        foreach (var customerId in cycle.CustomerIds)
        {
            var state = await derivation.DeriveAsync(customerId, events.GetValueOrDefault(customerId) ?? [], cycle.Now, cancellationToken).ConfigureAwait(false);
            states.Add(state);
            delta.Add(state.Cells);
            if (previous.TryGetValue(customerId, out var old))
            {
                delta.Add(old.Cells, -1);
            }
        }

        delta.RemoveEmpty();
        foreach (var observer in observers ?? [])
        {
            await cycle.NotifyAsync(observer, events, states, cancellationToken).ConfigureAwait(false);
        }

        await cycle.CommitAsync(delta, states, cancellationToken).ConfigureAwait(false);
        _histories.Remember(cycle, events);
        return new CycleResult(false, cycle.CustomerIds.Count, delta.Count, cycle.HasMore, fromMemory, cycle.WatermarkAhead);
    }

    /// <summary>At most once an hour per region: the condition lasts until someone rebuilds the region.</summary>
    private void ReportWatermarkAhead(string region, long watermark)
    {
        var now = time.GetUtcNow();
        lock (_aheadReported)
        {
            if (_aheadReported.TryGetValue(region, out var last) && now - last < TimeSpan.FromHours(1))
            {
                return;
            }

            _aheadReported[region] = now;
        }

        LogWatermarkAhead(logger, region, watermark);
    }

    /// <summary>Runs cycles on a region until it has nothing left to do (or another node holds it).</summary>
    public async Task CatchUpAsync(string region, CancellationToken cancellationToken)
    {
        CycleResult result;
        do
        {
            result = await RunCycleAsync(region, cancellationToken).ConfigureAwait(false);
        }
        while (result.HasMore && !result.Busy);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.ProjectorEnabled)
        {
            LogDisabled(logger);
            return;
        }

        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var region in regions.Regions)
                {
                    await CatchUpAsync(region, stoppingToken).ConfigureAwait(false);
                }

                failures = 0;
                await Task.Delay(TimeSpan.FromMilliseconds(_options.PollMilliseconds), time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Database down or a bug in a derivation: nothing was committed, the cycle is retried from the same watermark.
                failures++;
                LogCycleFailed(logger, ex, failures);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, failures * 2)), time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Analytics projector disabled by configuration (Cem:Analytics:ProjectorEnabled)")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Region {Region}: the database's transaction ids are below the analytics watermark {Watermark} " +
        "(restored with pg_dump/pg_restore?); new events will not be projected until the region is rebuilt: POST /api/v1/admin/analytics/{Region}/rebuild")]
    private static partial void LogWatermarkAhead(ILogger logger, string region, long watermark);

    [LoggerMessage(Level = LogLevel.Error, Message = "Analytics projection cycle failed ({Failures} in a row); retrying")]
    private static partial void LogCycleFailed(ILogger logger, Exception exception, int failures);
}
