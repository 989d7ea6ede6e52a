using System.Collections.Frozen;
using CemOnPrem.Audit;
using CemOnPrem.Audit.Http;
using CemOnPrem.Grains.Customers;
using CemOnPrem.Server.Configuration;
using CemOnPrem.Storage.Databases;
using CemOnPrem.Storage.Events;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Server.Ingest;

/// <summary>The region writers of this node, one per configured region. Stopped after HTTP has drained.</summary>
internal sealed class RegionWriters : IHostedService, IAsyncDisposable
{
    private readonly FrozenDictionary<string, RegionWriter> _writers;

    public RegionWriters(
        RegionDatabases regions, EventLogWriter log, IGrainFactory grains, ActiveCustomerProjections active, IOptions<CemOptions> options, ILoggerFactory loggers,
        IAuditTrail trail)
    {
        var ingest = options.Value.Ingest;
        var logger = loggers.CreateLogger<RegionWriters>();
        _writers = regions.Regions.ToFrozenDictionary(
            region => region,
            region => new RegionWriter(region, ingest.QueueCapacity, ingest.MaxEventsPerCommit, log, grains, active, trail, logger),
            StringComparer.Ordinal);
    }

    /// <returns>The pending append, or null when the region's queue is full (the caller answers 503).</returns>
    public PendingAppend? TryEnqueue(string region, IReadOnlyList<NewEvent> events)
    {
        var pending = new PendingAppend(events);
        return _writers[region].TryEnqueue(pending) ? pending : null;
    }

    /// <summary>As above, and the writer records the request's access (<paramref name="action"/>) with its group commit.</summary>
    public PendingAppend? TryEnqueue(string region, IReadOnlyList<NewEvent> events, HttpContext request, string action)
    {
        var audit = AuditAlongside.Deferred(request, action);
        var pending = new PendingAppend(events, audit);
        if (!_writers[region].TryEnqueue(pending))
        {
            return null; // refused (503): the endpoint's own audit records the refusal
        }

        if (audit is not null)
        {
            AuditAlongside.MarkRecorded(request);
        }

        return pending;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync().ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        foreach (var writer in _writers.Values)
        {
            await writer.DisposeAsync().ConfigureAwait(false);
        }
    }
}
