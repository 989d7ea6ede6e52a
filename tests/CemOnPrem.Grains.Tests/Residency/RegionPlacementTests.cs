using CemOnPrem.Contracts.Customers;
using CemOnPrem.Contracts.Journeys;
using CemOnPrem.Contracts.Regions;
using CemOnPrem.Grains.Tests.Customers;
using CemOnPrem.Storage.Events;

namespace CemOnPrem.Grains.Tests.Residency;

/// <summary>Regional grains activate only on silos of their region, also after a silo of the region dies.</summary>
public sealed class RegionPlacementTests(TwoRegionCluster cluster) : IClassFixture<TwoRegionCluster>
{
    private const int CustomersPerRegion = 120;
    private const string Eu = TwoRegionCluster.Eu;
    private const string Cn = TwoRegionCluster.Cn;
    private readonly Sample _sample = new();

    [Fact]
    public async Task Regional_grains_activate_only_on_silos_of_their_region_also_after_a_silo_dies()
    {
        var customers = new Dictionary<string, IReadOnlyList<string>>
        {
            [Eu] = await CreateCustomersAsync(Eu),
            [Cn] = await CreateCustomersAsync(Cn),
        };

        await TouchAllAsync(customers);
        var before = await cluster.RegionalActivationsAsync();
        AssertNoneMisplaced(before, customers);

        // Kill one cn-east silo: its activations are lost and must come back on the remaining cn-east silo only.
        var victim = cluster.Cluster.Silos.First(silo => silo.Name != "Primary" && TwoRegionCluster.RegionOf(silo.Name) == Cn
            && before.Any(activation => activation.Silo == silo.Name && activation.GrainType == "customer"));
        await cluster.Cluster.KillSiloAsync(victim, TestContext.Current.CancellationToken);
        await cluster.Cluster.WaitForLivenessToStabilizeAsync();
        await TouchAllAsync(customers);
        var after = await cluster.RegionalActivationsAsync();
        AssertNoneMisplaced(after, customers);
        Assert.DoesNotContain(after, activation => activation.Silo == victim.Name);
    }

    [Fact]
    public async Task A_region_no_silo_serves_fails_fast_naming_the_region()
    {
        var grain = cluster.Cluster.Client.GetGrain<ICustomerGrain>(RegionalKey.Compose("ap-south", "c-" + new string('0', 32)));

        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => grain.GetViewAsync());

        var noSilo = Assert.IsType<NoSiloServesRegionException>(Unwrap(thrown));
        Assert.Equal("ap-south", noSilo.Region);
        Assert.Contains("'ap-south'", noSilo.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(await cluster.RegionalActivationsAsync(), activation => activation.KeyRegion == "ap-south");
    }

    [Fact]
    public async Task Regional_reader_answers_from_its_region_for_any_caller()
    {
        var euCustomer = (await CreateCustomersAsync(Eu, count: 1))[0];
        var reader = cluster.Cluster.Client.GetGrain<IRegionalReaderGrain>(RegionalReaders.KeyOf(Eu));

        Assert.True(await reader.CustomerHasEventsAtAsync(euCustomer, ["branch-01"]));
        Assert.False(await reader.CustomerHasEventsAtAsync(euCustomer, ["branch-99"]));
        Assert.Equal(euCustomer, await reader.LookupAsync("account", _sample.Account(0).Value));
        Assert.All(await cluster.RegionalActivationsAsync(), activation => Assert.Equal(activation.KeyRegion, activation.SiloRegion));
    }

    private static Exception Unwrap(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is NoSiloServesRegionException)
            {
                return current;
            }
        }

        return exception;
    }

    private async Task<IReadOnlyList<string>> CreateCustomersAsync(string region, int count = CustomersPerRegion)
    {
        var writer = new EventLogWriter(cluster.Databases.Regions, TimeProvider.System, cluster.Databases.Protection);
        var events = Enumerable.Range(0, count).Select(n => _sample.Event(region, Sample.Noon.AddMinutes(-n), _sample.Account(n))).ToArray();
        var outcome = await writer.AppendAsync(region, events, TestContext.Current.CancellationToken);
        var ids = outcome.Receipts.Select(receipt => receipt.CustomerId).Distinct(StringComparer.Ordinal).ToList();
        Assert.Equal(count, ids.Count);
        return ids;
    }

    /// <summary>Activates every customer (reading its view), a journey grain per customer and the region's readers.</summary>
    private async Task TouchAllAsync(Dictionary<string, IReadOnlyList<string>> customers)
    {
        var client = cluster.Cluster.Client;
        foreach (var (region, ids) in customers)
        {
            var views = await Task.WhenAll(ids.Select(id => client.GetGrain<ICustomerGrain>(RegionalKey.Compose(region, id)).GetViewAsync()));
            Assert.All(views, view => Assert.Equal(region, Assert.IsType<CustomerView>(view).Region));
            await Task.WhenAll(ids.Select(id => client.GetGrain<IJourneyGrain>(JourneyKey.Compose(region, id, "onboarding", 1)).GetAsync()));
            await Task.WhenAll(Enumerable.Range(0, RegionalReaders.PerRegion).Select(n =>
                client.GetGrain<IRegionalReaderGrain>(RegionalKey.Compose(region, $"reader-{n}")).LookupAsync("account", "nobody")));
        }
    }

    private static void AssertNoneMisplaced(
        IReadOnlyList<(string GrainType, string Key, string KeyRegion, string SiloRegion, string Silo)> activations, Dictionary<string, IReadOnlyList<string>> customers)
    {
        var misplaced = activations.Where(activation => activation.KeyRegion != activation.SiloRegion).ToList();
        Assert.Empty(misplaced);
        foreach (var (region, ids) in customers)
        {
            // Every customer we touched is among the activations we checked (the check covered them, not an empty list).
            var active = activations.Where(a => a.GrainType == "customer" && a.KeyRegion == region).Select(a => a.Key).ToHashSet(StringComparer.Ordinal);
            Assert.Superset(active, ids.Select(id => RegionalKey.Compose(region, id)).ToHashSet(StringComparer.Ordinal));
            Assert.Equal(ids.Count, activations.Count(a => a.GrainType == "journey" && a.KeyRegion == region));
        }
    }
}
