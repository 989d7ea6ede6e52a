using CemOnPrem.Testing;
using CemOnPrem.Storage.GrainStorage;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace CemOnPrem.Storage.Tests.GrainStorage;

public sealed class GrainStorageHostingExtensionsTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    [Fact]
    public async Task Named_providers_store_in_the_region_and_control_databases()
    {
        var services = new ServiceCollection()
            .AddSingleton(databases.Regions)
            .AddSingleton(databases.Control)
            .AddCemGrainStorage();
        await using var provider = services.BuildServiceProvider();
        var key = $"eu-central/c-{Guid.NewGuid():N}";
        var grain = GrainId.Create("customer", key);

        var regional = provider.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.Regional);
        var control = provider.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.Control);
        await regional.WriteStateAsync("regional", grain, new GrainState<ProfileState>(new ProfileState("Ada", 1)), TestContext.Current.CancellationToken);
        await control.WriteStateAsync("control", grain, new GrainState<ProfileState>(new ProfileState("Ada", 1)), TestContext.Current.CancellationToken);

        Assert.Equal(["customer/regional"], await MigratedDatabases.GrainTypesStoredAsync(databases.Regions.For(MigratedDatabases.EuCentral), key));
        Assert.Equal(["customer/control"], await MigratedDatabases.GrainTypesStoredAsync(databases.Control.DataSource, key));
    }
}
