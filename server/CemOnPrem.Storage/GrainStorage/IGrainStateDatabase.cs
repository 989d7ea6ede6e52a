using Npgsql;
using Orleans.Runtime;

namespace CemOnPrem.Storage.GrainStorage;

/// <summary>Chooses the database that holds a grain's state.</summary>
public interface IGrainStateDatabase
{
    /// <exception cref="GrainStateRoutingException">The grain's state has no permitted database.</exception>
    NpgsqlDataSource DataSourceFor(GrainId grainId);
}
