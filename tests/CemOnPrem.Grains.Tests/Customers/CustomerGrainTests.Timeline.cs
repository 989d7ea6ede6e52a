using CemOnPrem.Contracts.Customers;
using CemOnPrem.Contracts.Regions;

namespace CemOnPrem.Grains.Tests.Customers;

public sealed partial class CustomerGrainTests
{
    [Theory]
    [InlineData(7, 3, new[] { 3, 3, 1 })]
    [InlineData(6, 3, new[] { 3, 3 })]
    public async Task Timeline_pages_newest_first_without_duplicates_or_gaps(int eventCount, int limit, int[] pageSizes)
    {
        // Pairs of events share a moment, so page boundaries fall between ties that only the sequence orders.
        var events = Enumerable.Range(0, eventCount).Select(i => _sample.Event(Eu, Noon.AddHours(-(i / 2)), _sample.Account(1))).ToArray();
        var receipts = await AppendAsync(Eu, events);
        var expected = events.Zip(receipts)
            .OrderByDescending(pair => pair.First.OccurredAt).ThenByDescending(pair => pair.Second.Sequence)
            .Select(pair => pair.First.EventId);
        var grain = Customer(Eu, receipts[0].CustomerId);

        var pages = new List<TimelinePage>();
        TimelineCursor? cursor = null;
        do
        {
            var page = await grain.GetTimelineAsync(cursor, limit);
            pages.Add(page);
            cursor = page.Next;
        }
        while (cursor is not null && pages.Count <= pageSizes.Length);

        Assert.Equal(pageSizes, pages.Select(page => page.Items.Count));
        Assert.Equal(expected, pages.SelectMany(page => page.Items).Select(entry => entry.EventId));
        Assert.All(pages[..^1], page => Assert.Equal(new TimelineCursor(page.Items[^1].OccurredAt, page.Items[^1].Sequence), page.Next));
        Assert.Null(pages[^1].Next);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-5, 1)]
    [InlineData(1000, 200)]
    public async Task Timeline_limit_outside_one_to_two_hundred_is_clamped(int limit, int expectedItems)
    {
        var events = Enumerable.Range(0, 201).Select(i => _sample.Event(Eu, Noon.AddMinutes(-i), _sample.Account(1))).ToArray();
        var customerId = (await AppendAsync(Eu, events))[0].CustomerId;

        var page = await Customer(Eu, customerId).GetTimelineAsync(null, limit);

        Assert.Equal(expectedItems, page.Items.Count);
        Assert.Equal(events[0].EventId, page.Items[0].EventId);
        Assert.NotNull(page.Next);
    }

    [Fact]
    public async Task Timeline_of_an_unknown_customer_is_an_empty_last_page()
    {
        var grain = cluster.Client.GetGrain<ICustomerGrain>(RegionalKey.Compose(Eu, "c-" + Guid.NewGuid().ToString("N")));

        var page = await grain.GetTimelineAsync(null, 10);

        Assert.Empty(page.Items);
        Assert.Null(page.Next);
    }
}
