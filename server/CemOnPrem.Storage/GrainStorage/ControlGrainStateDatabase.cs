using CemOnPrem.Storage.Databases;
using Npgsql;
using Orleans.Runtime;

namespace CemOnPrem.Storage.GrainStorage;

/// <summary>Keeps every grain's state in the control database.</summary>
public sealed class ControlGrainStateDatabase(ControlDatabase control) : IGrainStateDatabase
{
    public NpgsqlDataSource DataSourceFor(GrainId grainId) => control.DataSource;
}
