using System.Threading.Channels;
using CemOnPrem.Audit.Records;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Audit.Chain;

/// <summary>
/// One appender per node: a bounded queue feeding a loop that links whatever is waiting (up to
/// <see cref="AuditOptions.MaxRecordsPerCommit"/>) into one transaction — group commit, so the
/// fsync is shared and auditing stays cheap under load. Each caller completes after the commit
/// holding its record, or fails with <see cref="AuditUnavailableException"/>.
/// </summary>
public sealed partial class AuditAppender : BackgroundService
{
    private readonly Channel<PendingRecord> _queue;
    private readonly AuditChainStore _store;
    private readonly int _maxPerCommit;
    private readonly ILogger<AuditAppender> _logger;

    // During a database outage every batch fails the same way: one line when it begins, one when it ends.
    private readonly Storage.Databases.DatabaseOutage _outage = new(TimeSpan.Zero, TimeSpan.Zero);

    public AuditAppender(AuditChainStore store, IOptions<AuditOptions> options, ILogger<AuditAppender> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _logger = logger;
        _maxPerCommit = options.Value.MaxRecordsPerCommit;
        _queue = Channel.CreateBounded<PendingRecord>(new BoundedChannelOptions(options.Value.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <returns>The record as committed.</returns>
    public Task<AuditRecord> AppendAsync(AuditDraft draft)
    {
        var pending = new PendingRecord(draft);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new AuditUnavailableException("The audit trail is overloaded or stopping; the access was not carried out.");
        }

        return pending.Committed.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Stopping completes the queue; what is already queued is still committed.
        using var registration = stoppingToken.Register(() => _queue.Writer.TryComplete());
        var batch = new List<PendingRecord>(_maxPerCommit);
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < _maxPerCommit && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            await CommitAsync(batch).ConfigureAwait(false);
        }
    }

    private async Task CommitAsync(List<PendingRecord> batch)
    {
        try
        {
            var records = await _store.AppendAsync([.. batch.Select(pending => pending.Draft)], CancellationToken.None).ConfigureAwait(false);
            if (_outage.Succeeded())
            {
                LogBack(_logger);
            }

            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Committed.TrySetResult(records[i]);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            if (!Storage.Databases.DatabaseOutage.IsConnectionLoss(ex))
            {
                LogAppendFailed(_logger, ex, batch.Count);
            }
            else if (_outage.Failed())
            {
                LogDatabaseLost(_logger, ex.Message);
            }

            var failure = new AuditUnavailableException("The audit record could not be committed; the access was not carried out.", ex);
            foreach (var pending in batch)
            {
                pending.Committed.TrySetException(failure);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Appending {Count} audit records failed; their accesses fail closed")]
    private static partial void LogAppendFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "The audit trail's database is unavailable ({Reason}); audited accesses fail closed until it is back")]
    private static partial void LogDatabaseLost(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The audit trail's database is available again")]
    private static partial void LogBack(ILogger logger);

    private sealed record PendingRecord(AuditDraft Draft)
    {
        public TaskCompletionSource<AuditRecord> Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
