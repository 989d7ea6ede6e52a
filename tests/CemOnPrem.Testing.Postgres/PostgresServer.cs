using System.Net;
using System.Net.Sockets;
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
        Port = FreeLoopbackPort();
        // fsync off: these clusters hold only test data and die with the run; it keeps a 2-core CI fast.
        var options = $"-p {Port} -k {DataDirectory} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=300";
        await PostgresProcess.RunAsync(Path.Combine(bin, "pg_ctl"),
            ["-D", data, "-l", Path.Combine(DataDirectory, "server.log"), "-o", options, "-w", "-t", "60", "start"],
            logFile: Path.Combine(DataDirectory, "server.log"));

        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
    }

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

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
