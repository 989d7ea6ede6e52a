using System.Net;
using Dapper;
using Npgsql;
using Orleans.Messaging;
using Orleans.Runtime;

namespace CemOnPrem.Storage.Clustering;

/// <summary>
/// For Orleans clients outside the server processes (tools, future admin hosts): the gateways of the active silos
/// of a cluster, read from the membership table.
/// </summary>
public sealed class PostgresGatewayListProvider(NpgsqlDataSource dataSource, string clusterId, TimeSpan maxStaleness) : IGatewayListProvider
{
    private const string GatewaysSql =
        """
        select address as Address, proxy_port as ProxyPort, generation as Generation from cluster_members
        where cluster_id = @ClusterId and status = @Active and proxy_port > 0
        """;

    public TimeSpan MaxStaleness { get; } = maxStaleness;

    public bool IsUpdatable => true;

    public Task InitializeGatewayListProvider() => Task.CompletedTask;

    public async Task<IList<Uri>> GetGateways()
    {
        await using var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
        var rows = await connection.QueryAsync<GatewayRow>(GatewaysSql, new { ClusterId = clusterId, Active = (int)SiloStatus.Active }).ConfigureAwait(false);
        return [.. rows.Select(row => SiloAddress.New(new IPEndPoint(IPAddress.Parse(row.Address), row.ProxyPort), row.Generation).ToGatewayUri())];
    }

    private sealed class GatewayRow
    {
        public string Address { get; init; } = "";

        public int ProxyPort { get; init; }

        public int Generation { get; init; }
    }
}
