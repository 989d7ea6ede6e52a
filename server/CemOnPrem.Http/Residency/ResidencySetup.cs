using CemOnPrem.Http.Configuration;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Http.Residency;

/// <summary>Wiring of residency: which regions this node serves, routing checks, the transfer policy (region placement of grains is wired by the server: UseCemRegionPlacement).</summary>
public static class ResidencySetup
{
    /// <summary>Configuration and this node's regions (enough for <c>--migrate-only</c>, which migrates served regions only).</summary>
    public static IServiceCollection AddCemResidencyOptions(this IServiceCollection services)
    {
        services.AddSingleton<IValidateOptions<CemOptions>, ResidencyOptionsValidator>();
        services.AddSingleton<NodeRegions>();
        return services;
    }

    public static IServiceCollection AddCemResidency(this IServiceCollection services)
    {
        services.AddSingleton<ClusterRegions>();
        services.AddSingleton<RegionRouting>();
        services.AddSingleton<CrossBorderTransferPolicy>();
        return services;
    }
}
