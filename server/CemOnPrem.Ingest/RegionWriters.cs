using System.Collections.Frozen;
using CemOnPrem.Grains.Customers;
using CemOnPrem.Http.Configuration;
using CemOnPrem.Storage.Databases;
using CemOnPrem.Storage.Events;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Ingest;

/// <summary>The region writers of this node, one per configured region. Stopped after HTTP has drained.</summary>
internal sealed partial class RegionWriters : IHostedService, IAsyncDisposable
{
    private readonly FrozenDictionary<string, RegionWriter> _writers;
    private readonly ILogger _logger;

    public RegionWriters(
        RegionDatabases regions, EventLogWriter log, IGrainFactory grains, ActiveCustomerProjections active, IOptions<CemOptions> options, ILoggerFactory loggers)
    {
        var ingest = options.Value.Ingest;
        var logger = loggers.CreateLogger<RegionWriters>();
        _logger = logger;
        _writers = regions.Regions.ToFrozenDictionary(
            region => region,
            region => new RegionWriter(region, ingest.QueueCapacity, ingest.MaxEventsPerCommit, log, grains, active, logger),
            StringComparer.Ordinal);
    }

    /// <returns>The pending append, or null when the region's queue is full (the caller answers 503).</returns>
    public PendingAppend? TryEnqueue(string region, IReadOnlyList<NewEvent> events)
    {
        var pending = new PendingAppend(events);
        return _writers[region].TryEnqueue(pending) ? pending : null;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Drains within the host's stop budget: with the database down, queued commits wait for connections that will not
    /// come, and the requests they belong to have already been cut off by Kestrel's drain.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await DisposeAsync().AsTask().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogNotDrained(_logger);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var writer in _writers.Values)
        {
            await writer.DisposeAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The region writers did not finish their queued commits within the shutdown budget; stopping without them")]
    private static partial void LogNotDrained(ILogger logger);
}
