using CemOnPrem.Storage.Clustering;
using CemOnPrem.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans;
using Orleans.Runtime;

namespace CemOnPrem.Storage.Tests.Clustering;

public sealed class PostgresGatewayListProviderTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    [Fact]
    public async Task Gateways_are_the_active_silos_with_a_gateway_port()
    {
        var clusterId = "gw-" + Guid.NewGuid().ToString("N")[..10];
        var table = new PostgresMembershipTable(databases.Control.DataSource, clusterId, NullLogger<PostgresMembershipTable>.Instance);
        await table.InitializeMembershipTable(true);
        var active = Entry(SiloStatus.Active, proxyPort: 30001);
        var activeWithoutGateway = Entry(SiloStatus.Active, proxyPort: 0);
        var joining = Entry(SiloStatus.Joining, proxyPort: 30003);
        var dead = Entry(SiloStatus.Dead, proxyPort: 30004);
        var otherCluster = new PostgresMembershipTable(databases.Control.DataSource, clusterId + "-other", NullLogger<PostgresMembershipTable>.Instance);
        await otherCluster.InitializeMembershipTable(true);
        Assert.True(await otherCluster.InsertRow(Entry(SiloStatus.Active, 30005), (await otherCluster.ReadAll()).Version.Next()));
        foreach (var entry in new[] { active, activeWithoutGateway, joining, dead })
        {
            Assert.True(await table.InsertRow(entry, (await table.ReadAll()).Version.Next()));
        }

        var provider = new PostgresGatewayListProvider(databases.Control.DataSource, clusterId, TimeSpan.FromMinutes(1));
        await provider.InitializeGatewayListProvider();
        var gateways = await provider.GetGateways();

        var gateway = Assert.Single(gateways);
        Assert.Equal(SiloAddress.New(new System.Net.IPEndPoint(active.SiloAddress.Endpoint.Address, 30001), active.SiloAddress.Generation).ToGatewayUri(), gateway);
        Assert.True(provider.IsUpdatable);
        Assert.Equal(TimeSpan.FromMinutes(1), provider.MaxStaleness);
    }

    private static MembershipEntry Entry(SiloStatus status, int proxyPort)
    {
        var entry = MembershipEntries.Joining();
        entry.Status = status;
        entry.ProxyPort = proxyPort;
        return entry;
    }
}
