using CemOnPrem.Storage.Databases;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Runtime.Hosting;

namespace CemOnPrem.Storage.GrainStorage;

/// <summary>
/// Registers the <see cref="GrainStorageNames.Regional"/> and <see cref="GrainStorageNames.Control"/> grain
/// storage providers. <see cref="RegionDatabases"/> and <see cref="ControlDatabase"/> must be registered too.
/// </summary>
public static class GrainStorageHostingExtensions
{
    public static ISiloBuilder AddCemGrainStorage(this ISiloBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddCemGrainStorage();
        return builder;
    }

    public static IServiceCollection AddCemGrainStorage(this IServiceCollection services)
    {
        services.AddGrainStorage(GrainStorageNames.Regional, static (provider, name) =>
            new PostgresGrainStorage(name, new RegionalGrainStateDatabase(provider.GetRequiredService<RegionDatabases>())));
        services.AddGrainStorage(GrainStorageNames.Control, static (provider, name) =>
            new PostgresGrainStorage(name, new ControlGrainStateDatabase(provider.GetRequiredService<ControlDatabase>())));
        return services;
    }
}
