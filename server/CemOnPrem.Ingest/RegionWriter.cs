using System.Threading.Channels;
using CemOnPrem.Contracts.Customers;
using CemOnPrem.Contracts.Regions;
using CemOnPrem.Grains.Customers;
using CemOnPrem.Storage.Events;
using Npgsql;

namespace CemOnPrem.Ingest;

/// <summary>
/// Group commit for one region on this node: requests queue in a bounded channel; one loop takes
/// whatever is queued (up to <c>MaxEventsPerCommit</c>) and commits it in one transaction, then
/// completes each request. A full queue is refused at once (503), never grown without bound.
/// </summary>
internal sealed partial class RegionWriter : IAsyncDisposable
{
    /// <summary>
    /// Two transactions per region writer: while one waits for its commit (WAL flush), the next batch is
    /// already being stitched and inserted. Per-customer order still holds: the second transaction waits on
    /// the first one's customer row locks before it takes sequence numbers (see EventLogWriter.WriteAsync).
    /// A group sharing an identity with the running one waits for it instead (<see cref="InFlightTransactions"/>).
    /// </summary>
    internal const int TransactionsInFlight = 2;

    private readonly string _region;
    private readonly EventLogWriter _log;
    private readonly IGrainFactory _grains;
    private readonly ActiveCustomerProjections _active;
    private readonly ILogger _logger;
    private readonly int _maxEventsPerCommit;
    private readonly Channel<PendingAppend> _queue;
    private readonly Task _loop;

    // One warning when the database goes away and one line when it is back, not one per refused batch.
    private readonly Storage.Databases.DatabaseOutage _outage = new(TimeSpan.Zero, TimeSpan.Zero);

    public RegionWriter(
        string region, int capacity, int maxEventsPerCommit, EventLogWriter log, IGrainFactory grains, ActiveCustomerProjections active, ILogger logger)
    {
        _region = region;
        _log = log;
        _grains = grains;
        _active = active;
        _logger = logger;
        _maxEventsPerCommit = maxEventsPerCommit;
        _queue = Channel.CreateBounded<PendingAppend>(new BoundedChannelOptions(capacity) { SingleReader = true });
        _loop = Task.Run(RunAsync);
    }

    public bool TryEnqueue(PendingAppend pending) => _queue.Writer.TryWrite(pending);

    /// <summary>Stops taking requests and commits everything already queued.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        using var slots = new SemaphoreSlim(TransactionsInFlight, TransactionsInFlight);
        var running = new InFlightTransactions();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            // Take the batch only once a transaction slot is free, so it holds everything queued meanwhile.
            await slots.WaitAsync().ConfigureAwait(false);
            var batch = new List<PendingAppend>();
            var events = 0;
            while (events < _maxEventsPerCommit && reader.TryRead(out var pending))
            {
                batch.Add(pending);
                events += pending.Events.Count;
            }

            if (batch.Count == 0)
            {
                slots.Release();
                continue;
            }

            var identities = InFlightTransactions.IdentitiesOf(batch);
            await running.WaitForOverlapsAsync(identities).ConfigureAwait(false);
            running.Add(CommitThenReleaseAsync(batch, slots), identities);
        }

        // Drained: wait for the transactions still in flight.
        for (var i = 0; i < TransactionsInFlight; i++)
        {
            await slots.WaitAsync().ConfigureAwait(false);
        }
    }

    private async Task CommitThenReleaseAsync(List<PendingAppend> batch, SemaphoreSlim slots)
    {
        try
        {
            await CommitAsync(batch).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // CommitAsync answers every request itself; this only guards the loop against a bug leaving one hanging.
            foreach (var pending in batch)
            {
                pending.Fail(ex);
            }
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task CommitAsync(List<PendingAppend> batch)
    {
        AppendOutcome outcome;
        try
        {
            outcome = await _log.AppendAsync(_region, [.. batch.SelectMany(p => p.Events)], CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsTransient(ex))
        {
            if (_outage.Failed())
            {
                LogStoreUnavailable(_logger, _region, ex.Message);
            }

            var unavailable = new StoreUnavailableException(_region, ex);
            foreach (var pending in batch)
            {
                pending.Fail(unavailable);
            }

            return;
        }
        catch (Exception ex) when (batch.Count > 1)
        {
            // One request's rows made the transaction fail: commit the others alone so they are not punished for it.
            LogIsolating(_logger, ex, _region, batch.Count);
            foreach (var pending in batch)
            {
                await CommitAsync([pending]).ConfigureAwait(false);
            }

            return;
        }
        catch (AppendConflictException conflict)
        {
            // A race lost repeatedly, not a fault: the request is answered 503 and may be resent.
            LogConflict(_logger, _region);
            batch[0].Fail(conflict);
            return;
        }
        catch (Exception ex)
        {
            LogCommitFailed(_logger, ex, _region);
            batch[0].Fail(ex);
            return;
        }

        if (_outage.Succeeded())
        {
            LogStoreBack(_logger, _region);
        }

        var offset = 0;
        foreach (var pending in batch)
        {
            pending.Complete([.. outcome.Receipts.Skip(offset).Take(pending.Events.Count)]);
            offset += pending.Events.Count;
        }

        NotifyCustomers(outcome.ChangedCustomers);
    }

    private void NotifyCustomers(IReadOnlyList<CustomerChange> changes)
    {
        foreach (var change in changes)
        {
            var key = RegionalKey.Compose(_region, change.CustomerId);
            if (!_active.Contains(key))
            {
                // Not active here: it catches up from its checkpoint when activated; waking it would only cost.
                continue;
            }

            try
            {
                // One-way: the 202 does not wait for projections; a lost notification is caught up on the next read.
                _ = _grains.GetGrain<ICustomerGrain>(key).EventsCommittedAsync(change.Rebuild ? 0 : change.Sequence);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogNotifyFailed(_logger, ex, _region, change.CustomerId);
            }
        }
    }

    internal static bool IsTransient(Exception ex) => Storage.Databases.DatabaseOutage.IsConnectionLoss(ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Region {Region}: database unavailable ({Reason}); ingest is answered 503 until it is back")]
    private static partial void LogStoreUnavailable(ILogger logger, string region, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Region {Region}: database available again; ingest is committed")]
    private static partial void LogStoreBack(ILogger logger, string region);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Region {Region}: a batch of {Requests} requests failed; committing them one by one")]
    private static partial void LogIsolating(ILogger logger, Exception exception, string region, int requests);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Region {Region}: a request kept losing races with concurrent writers on the same identities; answered 503")]
    private static partial void LogConflict(ILogger logger, string region);

    [LoggerMessage(Level = LogLevel.Error, Message = "Region {Region}: a request could not be committed")]
    private static partial void LogCommitFailed(ILogger logger, Exception exception, string region);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Region {Region}: notifying customer {CustomerId} failed; it catches up on its next read")]
    private static partial void LogNotifyFailed(ILogger logger, Exception exception, string region, string customerId);
}
