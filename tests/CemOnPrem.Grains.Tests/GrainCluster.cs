using CemOnPrem.Grains.Residency;
using CemOnPrem.Storage.Databases;
using CemOnPrem.Storage.Events;
using CemOnPrem.Storage.GrainStorage;
using CemOnPrem.Testing;
using CemOnPrem.Testing.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace CemOnPrem.Grains.Tests;

/// <summary>
/// A one-silo in-process Orleans cluster with the production grain storage over freshly migrated databases
/// (control, eu-central, cn-east). Starting it takes seconds, so one is shared by the tests of a class.
/// </summary>
public sealed class GrainCluster(PostgresServer postgres) : IAsyncLifetime
{
    private InProcessTestCluster? _cluster;

    public MigratedDatabases Databases { get; } = new(postgres);

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not deployed.");

    public IClusterClient Client => Cluster.Client;

    public async ValueTask InitializeAsync()
    {
        await Databases.InitializeAsync();
        var regions = Databases.RegionConnectionStrings;
        var control = Databases.ControlConnectionString;

        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            // The silo gets its own data sources (disposed with its container), as a server node would.
            silo.Services.AddSingleton(_ => new RegionDatabases(regions));
            silo.Services.AddSingleton(_ => new ControlDatabase(control));
            silo.Services.AddSingleton(Databases.Protection);
            silo.Services.AddSingleton<EventLogReader>();
            silo.AddCemGrainStorage();
            // As a server node does: this silo serves both regions, so regional grains may activate here.
            silo.UseCemRegionPlacement(regions.Keys);
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        await Databases.DisposeAsync();
    }
}
