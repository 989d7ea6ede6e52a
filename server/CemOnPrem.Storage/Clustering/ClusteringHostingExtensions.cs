using CemOnPrem.Storage.Databases;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;

namespace CemOnPrem.Storage.Clustering;

/// <summary>Registers <see cref="PostgresMembershipTable"/> on the control database. <see cref="ControlDatabase"/> must be registered.</summary>
public static class ClusteringHostingExtensions
{
    public static ISiloBuilder UseCemPostgresClustering(this ISiloBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IMembershipTable>(static provider => new PostgresMembershipTable(
            provider.GetRequiredService<ControlDatabase>().DataSource,
            provider.GetRequiredService<IOptions<ClusterOptions>>().Value.ClusterId,
            provider.GetRequiredService<ILogger<PostgresMembershipTable>>()));
        return builder;
    }
}
