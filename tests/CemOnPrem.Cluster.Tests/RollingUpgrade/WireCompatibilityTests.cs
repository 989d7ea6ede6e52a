using CemOnPrem.Contracts.Customers;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace CemOnPrem.Cluster.Tests.RollingUpgrade;

/// <summary>
/// Bytes a v1 silo puts on the wire must still read the same in every later version (a renumbered or reused
/// <c>[Id]</c>, a renamed alias or a record turned class breaks this). The payload below was produced by v1;
/// never regenerate it to make the test pass — add a new one for a new version instead.
/// </summary>
public sealed class WireCompatibilityTests
{
    private const string CustomerViewV1 =
        "IOhAFWV1LWNlbnRyYWxBDWMtMDAwMcEBMQHwCq8aa1JlYWRPbmx5TGlzdEludGVyZmFjZUNvZGVjYDFbW2NlbS5jdXN0b21lci1pZGVudGl0eV1dAAMh6EAPYWNjb3VudEENQUNDVC0x4OABDSGAAFARCu1G3wiBAEAjDkMAAADgIYAAEHs0tkffCIEAAAAAAAAAAOAxAZy9Cy1hUmVhZE9ubHlMaXN0SW50ZXJmYWNlQ29kZWNgMVtbY2VtLmxhdGVzdC1zY29yZV1dAAMh6EAHbnBzgQAAAAAAACJAIYAAEHs0tkffCIEAAAAAAAAAAOBBGWJyYW5jaC12aXNpdAGp4OAxAc2yIQApY2VtLnRpbWVsaW5lLWVudHJ5W13g4A==";

    [Fact]
    public void A_customer_view_written_by_v1_reads_the_same_today()
    {
        var serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
        var expected = SampleView();

        var read = serializer.Deserialize<CustomerView?>(Convert.FromBase64String(CustomerViewV1));

        Assert.NotNull(read);
        Assert.Equal(expected.Region, read.Region);
        Assert.Equal(expected.CustomerId, read.CustomerId);
        Assert.Equal(expected.MergedInto, read.MergedInto);
        Assert.Equal(expected.Identities, read.Identities);
        Assert.Equal(expected.EventCount, read.EventCount);
        Assert.Equal(expected.FirstEventAt, read.FirstEventAt);
        Assert.Equal(expected.LastEventAt, read.LastEventAt);
        Assert.Equal(expected.LatestScores, read.LatestScores);
        Assert.Empty(read.RecentEvents);
    }

    private static CustomerView SampleView() => new(
        "eu-central", "c-0001", null, [new CustomerIdentity("account", "ACCT-1")], 3,
        new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(8)), new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero),
        [new LatestScore("nps", 9, new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero), "branch-visit", 42)], []);
}
