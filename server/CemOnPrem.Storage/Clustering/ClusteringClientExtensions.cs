using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Messaging;

namespace CemOnPrem.Storage.Clustering;

/// <summary>Lets an Orleans client outside the cluster find its gateways in the control database.</summary>
public static class ClusteringClientExtensions
{
    public static IClientBuilder UseCemPostgresClustering(this IClientBuilder builder, string controlConnectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(controlConnectionString);
        builder.Services.AddSingleton<IGatewayListProvider>(provider => new PostgresGatewayListProvider(
            NpgsqlDataSource.Create(controlConnectionString),
            provider.GetRequiredService<IOptions<ClusterOptions>>().Value.ClusterId,
            provider.GetRequiredService<IOptions<GatewayOptions>>().Value.GatewayListRefreshPeriod));
        return builder;
    }
}
