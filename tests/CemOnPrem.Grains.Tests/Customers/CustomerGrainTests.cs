using CemOnPrem.Contracts.Customers;
using CemOnPrem.Contracts.Regions;
using CemOnPrem.Storage.Events;
using CemOnPrem.Storage.GrainStorage;
using CemOnPrem.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CemOnPrem.Grains.Tests.Customers;

public sealed partial class CustomerGrainTests(GrainCluster cluster) : IClassFixture<GrainCluster>
{
    private const string Eu = MigratedDatabases.EuCentral;
    private const string Cn = MigratedDatabases.CnEast;
    private static readonly DateTimeOffset Noon = Sample.Noon;
    private readonly EventLogWriter _writer = new(cluster.Databases.Regions, TimeProvider.System, cluster.Databases.Protection);
    private readonly Sample _sample = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task View_reflects_the_committed_events_of_the_customer()
    {
        var first = _sample.Event(Eu, Noon.AddHours(-3), Scores(("nps", 6)), _sample.Account(1), _sample.Email(1));
        var second = _sample.Event(Eu, Noon.AddHours(-2), Scores(("nps", 8), ("csat", 4)), _sample.Account(1));
        var third = _sample.Event(Eu, Noon.AddHours(-1), Scores(("nps", 10)), _sample.Email(1));
        var customerId = (await AppendAsync(Eu, first))[0].CustomerId;
        var grain = Customer(Eu, customerId);
        Assert.Equal(1, (await grain.GetViewAsync())?.EventCount);

        var later = await AppendAsync(Eu, second, third);
        await grain.EventsCommittedAsync(later[^1].Sequence);
        var view = await grain.GetViewAsync();

        Assert.NotNull(view);
        Assert.Equal((Eu, customerId), (view.Region, view.CustomerId));
        Assert.Null(view.MergedInto);
        Assert.Equal([_sample.Account(1), _sample.Email(1)], view.Identities);
        Assert.Equal(3, view.EventCount);
        Assert.Equal(Noon.AddHours(-3), view.FirstEventAt);
        Assert.Equal(Noon.AddHours(-1), view.LastEventAt);
        Assert.Equal(
            [new LatestScore("csat", 4, Noon.AddHours(-2), "branch-visit", later[0].Sequence), new LatestScore("nps", 10, Noon.AddHours(-1), "branch-visit", later[1].Sequence)],
            view.LatestScores);
        Assert.Equal([third.EventId, second.EventId, first.EventId], view.RecentEvents.Select(entry => entry.EventId));
        var newest = view.RecentEvents[0];
        Assert.Equal(
            (later[1].Sequence, "test-channel", "feedback", "branch-visit", "branch-01", Noon.AddHours(-1), "fine"),
            (newest.Sequence, newest.Source, newest.Kind, newest.Touchpoint, newest.OrgUnit, newest.OccurredAt, newest.Text));
        Assert.Equal(third.Scores, newest.Scores);
        Assert.Equal(third.Attributes, newest.Attributes);
    }

    [Fact]
    public async Task Events_committed_without_a_notification_are_in_the_next_view()
    {
        var customerId = (await AppendAsync(Eu, _sample.Event(Eu, Noon.AddHours(-2), _sample.Account(1))))[0].CustomerId;
        var grain = Customer(Eu, customerId);
        Assert.Equal(1, (await grain.GetViewAsync())?.EventCount);

        // The writer's one-way notification is lost: EventsCommittedAsync is never called.
        await AppendAsync(Eu, _sample.Event(Eu, Noon.AddHours(-1), _sample.Account(1)), _sample.Event(Eu, Noon, _sample.Account(1)));
        var view = await grain.GetViewAsync();

        Assert.Equal(3, view?.EventCount);
        Assert.Equal(Noon, view?.LastEventAt);
        Assert.Equal(3, view?.RecentEvents.Count);
    }

    [Fact]
    public async Task Latest_score_is_the_one_that_happened_last_not_the_one_received_last()
    {
        var late = _sample.Event(Eu, Noon.AddHours(-1), Scores(("nps", 9)), _sample.Account(1));
        var early = _sample.Event(Eu, Noon.AddHours(-3), Scores(("nps", 3)), _sample.Account(1));
        var middle = _sample.Event(Eu, Noon.AddHours(-2), Scores(("nps", 5)), _sample.Account(1));
        var customerId = (await AppendAsync(Eu, late))[0].CustomerId;
        var grain = Customer(Eu, customerId);
        var sequenceOfLate = (await grain.GetViewAsync())!.RecentEvents[0].Sequence;

        // Arriving one by one, so each is applied to a projection that already holds a later event.
        await AppendAsync(Eu, early);
        await grain.GetViewAsync();
        await AppendAsync(Eu, middle);
        var view = await grain.GetViewAsync();

        Assert.NotNull(view);
        var nps = Assert.Single(view.LatestScores);
        Assert.Equal((9d, Noon.AddHours(-1), sequenceOfLate), (nps.Value, nps.OccurredAt, nps.Sequence));
        Assert.Equal([late.EventId, middle.EventId, early.EventId], view.RecentEvents.Select(entry => entry.EventId));
        Assert.Equal((Noon.AddHours(-3), Noon.AddHours(-1)), (view.FirstEventAt, view.LastEventAt));
    }

    [Fact]
    public async Task Of_two_scores_at_the_same_moment_the_one_received_last_is_latest()
    {
        var customerId = (await AppendAsync(Eu, _sample.Event(Eu, Noon, Scores(("nps", 9)), _sample.Account(1))))[0].CustomerId;
        var tie = _sample.Event(Eu, Noon, Scores(("nps", 2)), _sample.Account(1));
        var tieSequence = (await AppendAsync(Eu, tie))[0].Sequence;

        var view = await Customer(Eu, customerId).GetViewAsync();

        Assert.Equal((2d, tieSequence), (view!.LatestScores[0].Value, view.LatestScores[0].Sequence));
        Assert.Equal(tie.EventId, view.RecentEvents[0].EventId);
    }

    [Fact]
    public async Task View_of_an_unknown_customer_is_null_and_the_grain_does_not_linger()
    {
        var key = RegionalKey.Compose(Eu, "c-" + Guid.NewGuid().ToString("N"));
        var grain = cluster.Client.GetGrain<ICustomerGrain>(key);

        Assert.Null(await grain.GetViewAsync());

        await cluster.Cluster.WaitForDeactivationAsync(grain);
        Assert.False(cluster.Cluster.TryGetGrainContext(grain.GetGrainId(), out _));
        Assert.Empty(await MigratedDatabases.GrainTypesStoredAsync(cluster.Databases.Regions.For(Eu), key));
    }

    [Fact]
    public async Task Linking_event_merges_the_younger_customer_into_the_older_whose_view_is_rebuilt()
    {
        var olderFirst = _sample.Event(Eu, Noon.AddHours(-4), _sample.Account(1));
        var younger = _sample.Event(Eu, Noon.AddHours(-3), _sample.Email(1));
        var olderSecond = _sample.Event(Eu, Noon.AddHours(-2), _sample.Account(1));
        var olderId = (await AppendAsync(Eu, olderFirst))[0].CustomerId;
        var youngerId = (await AppendAsync(Eu, younger))[0].CustomerId;
        await AppendAsync(Eu, olderSecond);
        // The survivor's checkpoint is now past the younger customer's event: only a rebuild can pick that event up.
        Assert.Equal(2, (await Customer(Eu, olderId).GetViewAsync())?.EventCount);
        Assert.Equal(1, (await Customer(Eu, youngerId).GetViewAsync())?.EventCount);

        var link = _sample.Event(Eu, Noon.AddHours(-1), _sample.Email(1), _sample.Account(1));
        var outcome = await _writer.AppendAsync(Eu, [link], Cancellation);
        foreach (var change in outcome.ChangedCustomers)
        {
            await Customer(Eu, change.CustomerId).EventsCommittedAsync(change.Rebuild ? 0 : change.Sequence);
        }

        var survivor = await Customer(Eu, olderId).GetViewAsync();
        Assert.NotNull(survivor);
        Assert.Null(survivor.MergedInto);
        Assert.Equal(4, survivor.EventCount);
        Assert.Equal([link.EventId, olderSecond.EventId, younger.EventId, olderFirst.EventId], survivor.RecentEvents.Select(entry => entry.EventId));
        Assert.Equal([_sample.Account(1), _sample.Email(1)], survivor.Identities);
        Assert.Equal((Noon.AddHours(-4), Noon.AddHours(-1)), (survivor.FirstEventAt, survivor.LastEventAt));

        var merged = await Customer(Eu, youngerId).GetViewAsync();
        Assert.NotNull(merged);
        Assert.Equal(olderId, merged.MergedInto);
        Assert.Equal(0, merged.EventCount);
        Assert.Empty(merged.RecentEvents);
        Assert.Empty(merged.LatestScores);
        Assert.Empty(merged.Identities);
    }

    [Theory]
    [InlineData("c-1")]
    [InlineData("/c-1")]
    [InlineData("EU-Central/c-1")]
    public async Task Key_without_a_region_is_refused(string key)
    {
        // Placement refuses it before storage is reached (storage refuses it too: GrainStateRoutingTests).
        var error = await Assert.ThrowsAsync<ArgumentException>(() => LocalGrain(key).GetViewAsync());

        Assert.Equal($"Grain customer/{key} is region-placed but its key names no region ('{{region}}/...').", error.Message);
    }

    [Fact]
    public async Task Key_of_a_region_without_a_database_is_refused()
    {
        // No silo serves us-west, so the grain is never activated anywhere (storage would refuse it too: GrainStateRoutingTests).
        var error = await Assert.ThrowsAsync<NoSiloServesRegionException>(() => LocalGrain("us-west/c-1").GetViewAsync());

        Assert.Equal("us-west", error.Region);
    }

    private static Dictionary<string, double> Scores(params (string Key, double Value)[] scores) =>
        scores.ToDictionary(score => score.Key, score => score.Value, StringComparer.Ordinal);

    private async Task<IReadOnlyList<EventReceipt>> AppendAsync(string region, params NewEvent[] events) =>
        (await _writer.AppendAsync(region, events, Cancellation)).Receipts;

    private ICustomerGrain Customer(string region, string customerId) =>
        cluster.Client.GetGrain<ICustomerGrain>(RegionalKey.Compose(region, customerId));

    /// <summary>
    /// Through the silo's own grain factory, as the co-hosted API calls grains. (Through an external client the
    /// routing error cannot be serialized: the caller gets a CodecNotFoundException instead.)
    /// </summary>
    private ICustomerGrain LocalGrain(string key) =>
        cluster.Cluster.Silos[0].ServiceProvider.GetRequiredService<IGrainFactory>().GetGrain<ICustomerGrain>(key);
}
