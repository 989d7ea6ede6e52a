using Npgsql;
using Xunit;

namespace CemOnPrem.Testing.Postgres;

/// <summary>
/// A throwaway PostgreSQL cluster for one test assembly: initdb into a temp folder, start on a free
/// loopback port, drop everything at the end. If it cannot start, every test using it fails with the
/// reason (it never skips). Register with <c>[assembly: AssemblyFixture(typeof(PostgresServer))]</c>.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string FolderPrefix = "cem-test-pg-";
    private int _databaseCounter;
    private string _startOptions = "";

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), FolderPrefix + Guid.NewGuid().ToString("N")[..12]);

    public int Port { get; private set; }

    public string AdminConnectionString => ConnectionStringFor("postgres");

    public string ConnectionStringFor(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=20;Timeout=15";

    public async ValueTask InitializeAsync()
    {
        StaleClusters.CleanUp(Path.GetTempPath(), FolderPrefix);
        var bin = PostgresBinaries.Locate();
        Directory.CreateDirectory(DataDirectory);
        await File.WriteAllTextAsync(Path.Combine(DataDirectory, "owner.pid"), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var data = Path.Combine(DataDirectory, "data");
        Directory.CreateDirectory(data);
        PostgresProcess.HandOverToPostgresUser(DataDirectory);

        await PostgresProcess.RunAsync(Path.Combine(bin, "initdb"),
            ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"]);
        Port = LoopbackPorts.Free();
        // fsync off: these clusters hold only test data and die with the run; it keeps a 2-core CI fast.
        _startOptions = $"-p {Port} -k {DataDirectory} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=300";
        await StartAsync();

        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
    }

    /// <summary>Starts the server again after <see cref="StopAsync"/> (same port, same data).</summary>
    public Task StartAsync()
    {
        var log = Path.Combine(DataDirectory, "server.log");
        return PostgresProcess.RunAsync(Path.Combine(PostgresBinaries.Locate(), "pg_ctl"),
            ["-D", Path.Combine(DataDirectory, "data"), "-l", log, "-o", _startOptions, "-w", "-t", "60", "start"], logFile: log);
    }

    /// <summary>Stops the server as an outage would (fast shutdown: open connections are cut); <see cref="StartAsync"/> brings it back.</summary>
    public Task StopAsync() =>
        PostgresProcess.RunAsync(Path.Combine(PostgresBinaries.Locate(), "pg_ctl"), ["-D", Path.Combine(DataDirectory, "data"), "-m", "fast", "-w", "stop"]);

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string purpose)
    {
        var name = $"t_{purpose}_{Interlocked.Increment(ref _databaseCounter)}_{Guid.NewGuid().ToString("N")[..6]}".ToLowerInvariant();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"create database \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionStringFor(name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        var bin = PostgresBinaries.Locate();
        try
        {
            await PostgresProcess.RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", Path.Combine(DataDirectory, "data"), "-m", "immediate", "-w", "stop"]);
        }
        finally
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
