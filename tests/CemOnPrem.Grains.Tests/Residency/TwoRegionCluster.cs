using CemOnPrem.Grains.Residency;
using CemOnPrem.Analytics.Journeys;
using CemOnPrem.Storage.Databases;
using CemOnPrem.Storage.Events;
using CemOnPrem.Storage.GrainStorage;
using CemOnPrem.Testing;
using CemOnPrem.Testing.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace CemOnPrem.Grains.Tests.Residency;

/// <summary>
/// Four in-process silos, two per region (eu-central: Primary, Secondary_2; cn-east: Secondary_1, Secondary_3), each
/// wired as a server node is: connections to its own region's database only, its regions published as silo metadata,
/// the region placement filter. Filters are honoured (AssumeHomogenousSilosForTesting = false).
/// </summary>
public sealed class TwoRegionCluster(PostgresServer postgres) : IAsyncLifetime
{
    public const string Eu = MigratedDatabases.EuCentral;
    public const string Cn = MigratedDatabases.CnEast;

    private InProcessTestCluster? _cluster;

    public MigratedDatabases Databases { get; } = new(postgres);

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not deployed.");

    /// <summary>The region a silo serves, from its name: even instance numbers eu-central, odd ones cn-east.</summary>
    public static string RegionOf(string siloName) =>
        siloName == "Primary" || int.Parse(siloName.Split('_')[^1], System.Globalization.CultureInfo.InvariantCulture) % 2 == 0 ? Eu : Cn;

    public async ValueTask InitializeAsync()
    {
        await Databases.InitializeAsync();
        var regions = Databases.RegionConnectionStrings;
        var control = Databases.ControlConnectionString;
        var builder = new InProcessTestClusterBuilder(4);
        builder.Options.AssumeHomogenousSilosForTesting = false;
        builder.ConfigureSilo((options, silo) =>
        {
            var region = RegionOf(options.SiloName);
            silo.Services.AddSingleton(_ => new RegionDatabases(new Dictionary<string, string> { [region] = regions[region] }));
            silo.Services.AddSingleton(_ => new ControlDatabase(control));
            // Decryption keys of the test's databases (the key folder is shared, as a region's nodes share their KEKs).
            silo.Services.AddSingleton(Databases.Protection);
            silo.Services.AddSingleton<EventLogReader>();
            silo.Services.AddSingleton<JourneyStore>();
            silo.AddCemGrainStorage();
            silo.UseCemRegionPlacement([region]);
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    /// <summary>Every activation of the regional grain types, with the region its key names and the region of its silo.</summary>
    public async Task<IReadOnlyList<(string GrainType, string Key, string KeyRegion, string SiloRegion, string Silo)>> RegionalActivationsAsync()
    {
        var names = Cluster.Silos.ToDictionary(silo => silo.SiloAddress, silo => silo.Name);
        var statistics = await Cluster.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return [.. statistics
            .Where(stat => stat.GrainId.Type.ToString() is "customer" or "journey" or "regional-reader")
            .Select(stat =>
            {
                var key = stat.GrainId.Key.ToString()!;
                return (stat.GrainId.Type.ToString()!, key, key.Split('/')[0], RegionOf(names[stat.SiloAddress]), names[stat.SiloAddress]);
            })];
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
