using CemOnPrem.Contracts.Customers;
using CemOnPrem.Contracts.Journeys;
using CemOnPrem.Grains.Journeys;
using CemOnPrem.Grains.Residency;
using CemOnPrem.Analytics.Journeys;
using CemOnPrem.Contracts.Regions;
using CemOnPrem.Storage.Events;
using CemOnPrem.Storage.GrainStorage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CemOnPrem.Grains.Customers;

/// <summary>
/// Single customer view, projected from the region's event log. Every read first catches up from the
/// checkpoint, so answers include every committed event even if a notification was lost.
/// </summary>
[RegionPlacementFilter] // activates only on silos that serve the region in its key
[GrainType("customer")] // pinned: grain ids and stored rows use it; a class rename must not change it
public sealed partial class CustomerGrain(
    [PersistentState("customer", GrainStorageNames.Regional)] IPersistentState<CustomerProjection> state,
    EventLogReader log,
    ILogger<CustomerGrain> logger) : Grain, ICustomerGrain
{
    private const int CatchUpPage = 1000;
    private const int SaveEvery = 100;
    private const int MaxTimelinePage = 200;

    private string _region = "";
    private string _customerId = "";
    // Only whether the customer row existed at the last catch-up: the row itself and the (decrypted) identities
    // are read per view, so an active grain holds no personal data between calls and stays small (docs/performance.md).
    private bool _exists;
    private int _unsaved;

    // Optional so hosts without an ingest path (tests, tools) need not register it.
    private ActiveCustomerProjections? _active;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        (_region, _customerId) = RegionalKey.Split(key);
        _active = ServiceProvider.GetService<ActiveCustomerProjections>();
        _active?.Add(key);
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _active?.Remove(this.GetPrimaryKeyString());
        // A customer that no longer exists (erased, purged) must not have its projection written back.
        if (_unsaved > 0 && _exists)
        {
            try
            {
                await state.WriteStateAsync(cancellationToken).ConfigureAwait(true);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Re-derivable from the log; the next activation catches up from the older checkpoint.
                LogSaveFailed(logger, ex, _region, _customerId);
            }
        }
    }

    public async Task<CustomerView?> GetViewAsync()
    {
        var record = await CatchUpAsync().ConfigureAwait(true);
        if (record is null)
        {
            return null;
        }

        var projection = state.State;
        // Read (and decrypted) per view rather than kept in the persisted projection: grain state is not encrypted.
        var identities = await log.ReadIdentitiesAsync(_region, _customerId, CancellationToken.None).ConfigureAwait(true);
        var recent = record.MergedInto is null
            ? await log.ReadTimelineAsync(_region, _customerId, null, CustomerProjection.RecentLimit, CancellationToken.None).ConfigureAwait(true)
            : [];
        return new CustomerView(
            _region, _customerId, record.MergedInto, identities, projection.EventCount, projection.FirstEventAt,
            projection.LastEventAt, [.. projection.LatestScores.Values.OrderBy(score => score.Key, StringComparer.Ordinal)],
            recent);
    }

    public async Task<TimelinePage> GetTimelineAsync(TimelineCursor? after, int limit)
    {
        var size = Math.Clamp(limit, 1, MaxTimelinePage);
        var items = await log.ReadTimelineAsync(_region, _customerId, after, size + 1, CancellationToken.None).ConfigureAwait(true);
        if (items.Count <= size)
        {
            return new TimelinePage(items, null);
        }

        var page = items.Take(size).ToList();
        return new TimelinePage(page, new TimelineCursor(page[^1].OccurredAt, page[^1].Sequence));
    }

    public async Task<IReadOnlyList<JourneyView>> GetJourneysAsync()
    {
        // Resolved here, not injected: hosts that never ask for journeys need not register the store.
        var journeys = ServiceProvider.GetRequiredService<JourneyStore>();
        var rows = await journeys.ReadAsync(_region, _customerId, CancellationToken.None).ConfigureAwait(true);
        return [.. rows.Select(JourneyViews.From)];
    }

    public Task EventsCommittedAsync(long sequence) =>
        sequence > 0 && sequence <= state.State.Checkpoint && _exists ? Task.CompletedTask : CatchUpAsync();

    private async Task<CustomerRecord?> CatchUpAsync()
    {
        var record = await log.FindCustomerAsync(_region, _customerId, CancellationToken.None).ConfigureAwait(true);
        _exists = record is not null;
        if (record is null)
        {
            // Nothing to hold for an id that does not exist; do not keep probes in memory.
            DeactivateOnIdle();
            return null;
        }

        var projection = state.State;
        var merged = record.MergedInto is not null;
        if (record.Epoch != projection.Epoch || (merged && projection.Checkpoint > 0))
        {
            // Stitching moved rows in or out: rebuild from the start of the log (a merged customer keeps none).
            projection.Reset();
            projection.Epoch = record.Epoch;
            _unsaved++;
        }

        if (!merged)
        {
            await ApplyNewEventsAsync(projection).ConfigureAwait(true);
        }

        if (_unsaved >= SaveEvery)
        {
            await state.WriteStateAsync().ConfigureAwait(true);
            _unsaved = 0;
        }

        return record;
    }

    private async Task ApplyNewEventsAsync(CustomerProjection projection)
    {
        IReadOnlyList<TimelineEntry> page;
        do
        {
            page = await log.ReadAfterAsync(_region, _customerId, projection.Checkpoint, CatchUpPage, CancellationToken.None).ConfigureAwait(true);
            foreach (var entry in page)
            {
                projection.Apply(entry);
            }

            _unsaved += page.Count;
        }
        while (page.Count == CatchUpPage);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Saving the projection of customer {Region}/{CustomerId} failed; it will be rebuilt from the log")]
    private static partial void LogSaveFailed(ILogger logger, Exception exception, string region, string customerId);
}
