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
    private static readonly string[] AutoPrepareKeys = ["max auto prepare", "maxautoprepare"];

    public static NpgsqlDataSource Create(string connectionString) => Bounded(connectionString).Build();

    private static NpgsqlDataSourceBuilder Bounded(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (!Sets(connectionString, PoolSizeKeys))
        {
            builder.ConnectionStringBuilder.MaxPoolSize = DefaultMaxPoolSize;
        }

        return builder;
    }

    /// <summary>
    /// The event writer's pool: its few statements are prepared on each connection after their second use (their
    /// plans do not depend on the values; sequential scans are off, see below), and no per-command timeout (the writer
    /// bounds each attempt itself).
    /// An explicit <c>Max Auto Prepare</c> in the connection string wins: 0 for a pooler that cannot keep prepared
    /// statements (docs/operations.md, "Database connections").
    /// </summary>
    public static NpgsqlDataSource CreateForEventWriter(string connectionString)
    {
        var builder = Bounded(connectionString);
        if (!Sets(connectionString, AutoPrepareKeys))
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 32;
            builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        }

        builder.ConnectionStringBuilder.CommandTimeout = 0;
        // Every statement of the writer finds its rows by key. A generic plan made while a table is small would scan it
        // sequentially until the next ANALYZE replans it — at ingest rates, a minute of full scans of a growing table.
        builder.ConnectionStringBuilder.Options = string.Join(' ',
            new[] { builder.ConnectionStringBuilder.Options, "-c enable_seqscan=off" }.Where(option => !string.IsNullOrWhiteSpace(option)));
        return builder.Build();
    }

    private static bool Sets(string connectionString, string[] keys) =>
        new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Any(key => keys.Contains(key.ToLowerInvariant()));
}
