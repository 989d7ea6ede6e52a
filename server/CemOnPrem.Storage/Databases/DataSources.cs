using System.Data.Common;
using Npgsql;

namespace CemOnPrem.Storage.Databases;

/// <summary>Creates data sources with a bounded pool unless the connection string sets its own.</summary>
internal static class DataSources
{
    /// <summary>
    /// Npgsql's default of 100 per data source, times the control plus every region on every node,
    /// exhausts a default PostgreSQL (max_connections = 100) as soon as many grains catch up at once.
    /// A smaller pool makes them queue for a connection instead of failing.
    /// </summary>
    public const int DefaultMaxPoolSize = 32;

    private static readonly string[] PoolSizeKeys = ["maximum pool size", "max pool size", "maxpoolsize"];

    public static NpgsqlDataSource Create(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var raw = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!raw.Keys.Cast<string>().Any(key => PoolSizeKeys.Contains(key.ToLowerInvariant())))
        {
            builder.ConnectionStringBuilder.MaxPoolSize = DefaultMaxPoolSize;
        }

        return builder.Build();
    }
}
