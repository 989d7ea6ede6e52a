using Npgsql;

namespace CemOnPrem.Storage.Databases;

/// <summary>The deployment-wide control database (no customer-level data).</summary>
public sealed class ControlDatabase(string connectionString) : IAsyncDisposable
{
    public NpgsqlDataSource DataSource { get; } = DataSources.Create(connectionString);

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
