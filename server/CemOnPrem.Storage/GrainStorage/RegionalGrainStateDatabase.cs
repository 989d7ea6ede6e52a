using CemOnPrem.Contracts.Regions;
using CemOnPrem.Storage.Databases;
using Npgsql;
using Orleans.Runtime;

namespace CemOnPrem.Storage.GrainStorage;

/// <summary>
/// Keeps a grain's state in the database of the region its key starts with (<c>{region}/...</c>).
/// A key without a region, or with a region this deployment has no database for, is refused:
/// falling back to another database would put a customer's data outside its residency region.
/// </summary>
public sealed class RegionalGrainStateDatabase(RegionDatabases regions) : IGrainStateDatabase
{
    public NpgsqlDataSource DataSourceFor(GrainId grainId)
    {
        var key = grainId.Key.ToString();
        if (!RegionalKey.TryGetRegion(key, out var region))
        {
            throw new GrainStateRoutingException(
                $"Grain {grainId} cannot use regional storage: its key '{key}' does not start with a residency region ('{{region}}/...').");
        }

        if (!regions.IsKnown(region))
        {
            throw new GrainStateRoutingException(
                $"Grain {grainId} cannot use regional storage: its key '{key}' names region '{region}', which has no database here. " +
                $"Configured regions: {string.Join(", ", regions.Regions)}.");
        }

        return regions.For(region);
    }
}
