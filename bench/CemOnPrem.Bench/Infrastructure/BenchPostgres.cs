using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace CemOnPrem.Bench.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster for one bench run. Unlike the test clusters it keeps <b>fsync on</b>
/// and every other durability default (full_page_writes, synchronous_commit): durability is what is measured.
/// Only sizing is tuned the way an operator would (shared_buffers, max_wal_size so no checkpoint storm mid-run).
/// </summary>
internal sealed class BenchPostgres : IAsyncDisposable
{
    public static readonly string[] Databases = ["cem_control", "cem_cn_east", "cem_eu_central"];

    private readonly string _bin;
    private readonly bool _keep;

    private BenchPostgres(string bin, string directory, bool keep)
    {
        _bin = bin;
        Directory = directory;
        _keep = keep;
    }

    public string Directory { get; }

    public string DataDirectory => Path.Combine(Directory, "data");

    public int Port { get; private set; }

    public string Version { get; private set; } = "";

    /// <summary>The postmaster's pid (first line of postmaster.pid); its children are the backends.</summary>
    public int PostmasterPid => int.Parse(File.ReadLines(Path.Combine(DataDirectory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);

    public string ConnectionString(string database, bool synchronousCommit = true) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Timeout=30;Command Timeout=120" +
        (synchronousCommit ? "" : ";Options=-c synchronous_commit=off");

    public static async Task<BenchPostgres> StartAsync(string? parent, bool keep)
    {
        var bin = Environment.GetEnvironmentVariable("CEM_PG_BIN") is { Length: > 0 } fromEnv ? fromEnv : LocateBin();
        var root = parent ?? Path.GetTempPath();
        System.IO.Directory.CreateDirectory(root);
        var directory = Path.Combine(root, "cem-bench-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "data"));
        var pg = new BenchPostgres(bin, directory, keep);
        if (ProcessRunner.IsRoot)
        {
            await ProcessRunner.RunAsync("chmod", ["a+x", root]);
            await ProcessRunner.RunAsync("chown", ["-R", "postgres:postgres", directory]);
        }

        await ProcessRunner.RunAsync(Path.Combine(bin, "initdb"), ["-D", pg.DataDirectory, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"], asPostgres: true);
        pg.Port = FreeLoopbackPort();
        var options = string.Join(' ',
            $"-p {pg.Port} -k {directory} -c listen_addresses=127.0.0.1 -c max_connections=300",
            "-c shared_buffers=1GB -c max_wal_size=8GB -c checkpoint_timeout=30min",
            // Statement statistics for "where the time goes" (reset per run, read with TopStatementsAsync).
            "-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all");
        await ProcessRunner.RunAsync(Path.Combine(bin, "pg_ctl"),
            ["-D", pg.DataDirectory, "-l", Path.Combine(directory, "server.log"), "-o", options, "-w", "-t", "60", "start"], asPostgres: true);

        await using var connection = new NpgsqlConnection(pg.ConnectionString("postgres"));
        await connection.OpenAsync();
        foreach (var database in Databases)
        {
            await using var create = new NpgsqlCommand($"create database {database}", connection);
            await create.ExecuteNonQueryAsync();
        }

        await using (var extension = new NpgsqlCommand("create extension pg_stat_statements", connection))
        {
            await extension.ExecuteNonQueryAsync();
        }

        await using var version = new NpgsqlCommand("select current_setting('server_version') || ', fsync=' || current_setting('fsync') || ', synchronous_commit=' || current_setting('synchronous_commit') || ', wal_sync_method=' || current_setting('wal_sync_method')", connection);
        pg.Version = (string)(await version.ExecuteScalarAsync())!;
        return pg;
    }

    public async Task ResetStatementsAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var reset = new NpgsqlCommand("select pg_stat_statements_reset()", connection);
        await reset.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Committed and rolled-back transactions of the CEM databases so far (<c>pg_stat_database</c>). Rollbacks under load
    /// are work thrown away — how the batch writer's identity races were found (docs/performance.md, fifth session).
    /// </summary>
    public async Task<TransactionCounts> TransactionCountsAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        // The statistics collector publishes with a delay; a snapshot cleared here reads the latest counters.
        await using (var clear = new NpgsqlCommand("select pg_stat_clear_snapshot()", connection))
        {
            await clear.ExecuteNonQueryAsync();
        }

        await using var counts = new NpgsqlCommand(
            "select coalesce(sum(xact_commit), 0)::bigint, coalesce(sum(xact_rollback), 0)::bigint from pg_stat_database where datname like 'cem%'", connection);
        await using var reader = await counts.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new TransactionCounts(reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>The statements that took most database time since the last reset (all databases).</summary>
    public async Task<IReadOnlyList<StatementStat>> TopStatementsAsync(int limit)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var top = new NpgsqlCommand(
            """
            select left(regexp_replace(query, '\s+', ' ', 'g'), 160), calls, total_exec_time, mean_exec_time, rows
            from pg_stat_statements order by total_exec_time desc limit @limit
            """, connection);
        top.Parameters.AddWithValue("limit", limit);
        var result = new List<StatementStat>();
        await using var reader = await top.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result.Add(new StatementStat(reader.GetString(0), reader.GetInt64(1), reader.GetDouble(2), reader.GetDouble(3), reader.GetInt64(4)));
        }

        return result;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await ProcessRunner.RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataDirectory, "-m", "fast", "-w", "stop"], asPostgres: true);
        }
        finally
        {
            if (!_keep)
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
        }
    }

    private static string LocateBin() =>
        System.IO.Directory.GetDirectories("/usr/lib/postgresql")
            .OrderByDescending(dir => int.TryParse(Path.GetFileName(dir), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0)
            .Select(dir => Path.Combine(dir, "bin"))
            .FirstOrDefault(dir => File.Exists(Path.Combine(dir, "initdb")))
        ?? throw new InvalidOperationException("PostgreSQL binaries not found under /usr/lib/postgresql/*/bin (./cem db install, or set CEM_PG_BIN).");

    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public string Bin => _bin;
}

/// <summary>Transactions of the CEM databases: a run's figures are the difference of two of these.</summary>
internal sealed record TransactionCounts(long Commits, long Rollbacks)
{
    public static TransactionCounts operator -(TransactionCounts after, TransactionCounts before) =>
        new(after.Commits - before.Commits, after.Rollbacks - before.Rollbacks);
}

/// <summary>One row of pg_stat_statements: where the database time went.</summary>
internal sealed record StatementStat(string Query, long Calls, double TotalMs, double MeanMs, long Rows);
