using CemOnPrem.Server.Tests.Support;
using CemOnPrem.Testing.Postgres;

namespace CemOnPrem.Server.Tests.Residency;

/// <summary>
/// Two server nodes in one cluster (shared control database and cluster id): <see cref="Eu"/> serves eu-central only and
/// <see cref="Cn"/> cn-east only. A third region, ap-south, is configured but served by no node. One transfer rule:
/// cn-east → eu-central, purpose case-handling, category profile.
/// </summary>
public sealed class TwoNodeCluster(PostgresServer postgres) : IAsyncLifetime
{
    public const string Unserved = "ap-south";
    public const string AllowedPurpose = Callers.Purpose;

    private CemServerFactory? _eu;
    private CemServerFactory? _cn;

    public CemServerFactory Eu => _eu ?? throw new InvalidOperationException("Not initialised.");

    public CemServerFactory Cn => _cn ?? throw new InvalidOperationException("Not initialised.");

    public async ValueTask InitializeAsync()
    {
        var databases = await ServerDatabases.CreateAsync(postgres);
        var clusterId = "res-" + Guid.NewGuid().ToString("N")[..8];
        _eu = new CemServerFactory(databases, Node(clusterId, ServerDatabases.Eu));
        _cn = new CemServerFactory(databases, Node(clusterId, ServerDatabases.Cn));
        // Start one after the other: the first migrates, the second joins its cluster.
        await _eu.EnsureTestTreeAsync();
        await _cn.EnsureTestTreeAsync();
    }

    private static Dictionary<string, string?> Node(string clusterId, string region) => new()
    {
        ["Cem:Cluster:ClusterId"] = clusterId,
        [$"Cem:Regions:{Unserved}:ConnectionString"] = "",
        ["Cem:Residency:ServedRegions:0"] = region,
        ["Cem:Residency:Transfers:0:From"] = ServerDatabases.Cn,
        ["Cem:Residency:Transfers:0:To"] = ServerDatabases.Eu,
        ["Cem:Residency:Transfers:0:Purpose"] = AllowedPurpose,
        ["Cem:Residency:Transfers:0:Categories:0"] = "profile",
    };

    public async ValueTask DisposeAsync()
    {
        if (_cn is not null)
        {
            await _cn.DisposeAsync();
        }

        if (_eu is not null)
        {
            await _eu.DisposeAsync();
        }
    }
}
