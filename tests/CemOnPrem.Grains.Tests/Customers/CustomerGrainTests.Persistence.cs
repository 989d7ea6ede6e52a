using System.Text.Json;
using CemOnPrem.Contracts.Customers;
using CemOnPrem.Contracts.Regions;
using CemOnPrem.Grains.Customers;
using CemOnPrem.Testing;
using Dapper;
using Npgsql;

namespace CemOnPrem.Grains.Tests.Customers;

public sealed partial class CustomerGrainTests
{
    private static readonly JsonSerializerOptions StorageJson = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Projection_is_saved_on_deactivation_and_the_next_activation_shows_the_same_view()
    {
        var receipts = await AppendAsync(
            Eu,
            _sample.Event(Eu, Noon.AddHours(-3), Scores(("nps", 4)), _sample.Account(1), _sample.Email(1)),
            _sample.Event(Eu, Noon.AddHours(-1), Scores(("nps", 7), ("csat", 5)), _sample.Account(1)),
            _sample.Event(Eu, Noon.AddHours(-2), Scores(("nps", 9)), _sample.Email(1)));
        var key = RegionalKey.Compose(Eu, receipts[0].CustomerId);
        var grain = cluster.Client.GetGrain<ICustomerGrain>(key);
        var before = await grain.GetViewAsync();
        // Saved lazily: three applied events are not worth a write yet.
        Assert.Null(await StoredProjectionAsync(Eu, key));

        await cluster.Cluster.DeactivateAsync(grain);

        var stored = await StoredProjectionAsync(Eu, key);
        Assert.NotNull(stored);
        Assert.Equal((receipts.Max(receipt => receipt.Sequence), 3L), (stored.Checkpoint, stored.EventCount));
        var after = await grain.GetViewAsync();
        Assert.Equal(JsonSerializer.Serialize(before), JsonSerializer.Serialize(after));
    }

    [Fact]
    public async Task Reactivated_grain_continues_from_its_saved_checkpoint_without_rereading_the_log()
    {
        var customerId = (await AppendAsync(Eu, _sample.Event(Eu, Noon.AddHours(-2), _sample.Account(1))))[0].CustomerId;
        var key = RegionalKey.Compose(Eu, customerId);
        var grain = cluster.Client.GetGrain<ICustomerGrain>(key);
        await grain.GetViewAsync();
        await cluster.Cluster.DeactivateAsync(grain);
        // Mark the saved projection: a grain that re-read the whole log would count 2, not 1001.
        await ExecuteAsync(Eu, "update grain_state set state = jsonb_set(state, '{eventCount}', '1000') where grain_key = @key", new { key });

        await AppendAsync(Eu, _sample.Event(Eu, Noon.AddHours(-1), _sample.Account(1)));
        var view = await grain.GetViewAsync();

        Assert.Equal(1001, view?.EventCount);
        Assert.Equal(Noon.AddHours(-1), view?.LastEventAt);
    }

    [Fact]
    public async Task Notification_alone_catches_up_and_saves_once_a_hundred_events_are_applied()
    {
        var events = Enumerable.Range(0, 120).Select(i => _sample.Event(Eu, Noon.AddMinutes(-i), _sample.Account(1))).ToArray();
        var receipts = await AppendAsync(Eu, events);
        var key = RegionalKey.Compose(Eu, receipts[0].CustomerId);

        await cluster.Client.GetGrain<ICustomerGrain>(key).EventsCommittedAsync(receipts[^1].Sequence);

        var stored = await WaitForStoredProjectionAsync(Eu, key);
        Assert.Equal((receipts.Max(receipt => receipt.Sequence), 120L), (stored.Checkpoint, stored.EventCount));
        // Grain state is not encrypted, so it must hold no personal data: no identity, no free text.
        await using var connection = await cluster.Databases.Regions.For(Eu).OpenConnectionAsync(Cancellation);
        var raw = await connection.ExecuteScalarAsync<string>("select state::text from grain_state where grain_key = @key", new { key });
        Assert.DoesNotContain(_sample.Account(1).Value, raw, StringComparison.Ordinal);
        Assert.DoesNotContain(events[0].Text!, raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Projection_of_a_customer_is_stored_only_in_its_region_database()
    {
        var customerId = (await AppendAsync(Cn, _sample.Event(Cn, Noon, _sample.Account(1))))[0].CustomerId;
        var key = RegionalKey.Compose(Cn, customerId);
        var grain = cluster.Client.GetGrain<ICustomerGrain>(key);
        Assert.Equal(1, (await grain.GetViewAsync())?.EventCount);

        await cluster.Cluster.DeactivateAsync(grain);

        Assert.Equal(["customer/customer"], await MigratedDatabases.GrainTypesStoredAsync(cluster.Databases.Regions.For(Cn), key));
        Assert.Empty(await MigratedDatabases.GrainTypesStoredAsync(cluster.Databases.Regions.For(Eu), key));
        Assert.Empty(await MigratedDatabases.GrainTypesStoredAsync(cluster.Databases.Control.DataSource, key));
    }

    private async Task<CustomerProjection?> StoredProjectionAsync(string region, string key)
    {
        await using var connection = await cluster.Databases.Regions.For(region).OpenConnectionAsync(Cancellation);
        var json = await connection.QuerySingleOrDefaultAsync<string>(
            "select state::text from grain_state where grain_key = @key", new { key });
        return json is null ? null : JsonSerializer.Deserialize<CustomerProjection>(json, StorageJson);
    }

    /// <summary>The notification is one-way, so its effect can only be awaited by polling.</summary>
    private async Task<CustomerProjection> WaitForStoredProjectionAsync(string region, string key)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            if (await StoredProjectionAsync(region, key) is { } stored)
            {
                return stored;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No projection of {key} was saved within 15 s of the notification.");
            await Task.Delay(50, Cancellation);
        }
    }

    private async Task ExecuteAsync(string region, string sql, object parameters)
    {
        await using var connection = await cluster.Databases.Regions.For(region).OpenConnectionAsync(Cancellation);
        await connection.ExecuteAsync(sql, parameters);
    }
}
