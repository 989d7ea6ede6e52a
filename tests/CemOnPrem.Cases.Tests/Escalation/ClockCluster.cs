using CemOnPrem.Cases.Escalation;
using CemOnPrem.Grains.Residency;
using CemOnPrem.Http.OrgUnits;
using CemOnPrem.Storage.Databases;
using CemOnPrem.Storage.OrgUnits;
using CemOnPrem.Storage.Reminders;
using CemOnPrem.Testing;
using CemOnPrem.Testing.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.TestingHost;

namespace CemOnPrem.Cases.Tests.Escalation;

/// <summary>
/// Two in-process silos serving both regions, with the production reminder table (control database) and the case
/// clock grain's services, over freshly migrated databases. The reminder retry period is 2 s so the tests stay short.
/// </summary>
public sealed class ClockCluster(PostgresServer postgres) : IAsyncLifetime
{
    public static readonly EscalationOptions Options = new() { RetryPeriodSeconds = 2, Chain = new() { ["branch"] = "region" } };

    private InProcessTestCluster? _cluster;

    public MigratedDatabases Databases { get; } = new(postgres);

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not deployed.");

    /// <summary>An armer as every node runs one, calling the cluster through the test client.</summary>
    public CaseClockArmer Armer() => new(Databases.Regions, new CaseClockStore(Databases.Regions), Cluster.Client,
        Microsoft.Extensions.Options.Options.Create(Options), TimeProvider.System, NullLogger<CaseClockArmer>.Instance);

    public async ValueTask InitializeAsync()
    {
        await Databases.InitializeAsync();
        var regions = Databases.RegionConnectionStrings;
        var control = Databases.ControlConnectionString;
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton(_ => new RegionDatabases(regions));
            silo.Services.AddSingleton(_ => new ControlDatabase(control));
            silo.Services.AddSingleton<OrgUnitStore>();
            silo.Services.AddSingleton(TimeProvider.System);
            silo.Services.AddSingleton<OrgTreeCache>();
            silo.Services.AddSingleton<IOptions<EscalationOptions>>(Microsoft.Extensions.Options.Options.Create(Options));
            silo.Services.AddCaseClocks();
            silo.AddCemPostgresReminders();
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
