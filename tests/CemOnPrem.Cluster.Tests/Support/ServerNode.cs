using System.Diagnostics;
using System.Globalization;
using CemOnPrem.Testing.Postgres;

namespace CemOnPrem.Cluster.Tests.Support;

/// <summary>
/// One server process (<c>dotnet CemOnPrem.Server.dll</c>) on free loopback ports, joined to the cluster through
/// PostgreSQL membership. Its console output goes to a log file that failing tests print. Disposing kills it.
/// </summary>
internal sealed class ServerNode : IAsyncDisposable
{
    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(3) };
    private readonly Process _process;
    private readonly StreamWriter _log;

    private ServerNode(string name, ClusterDatabases databases, string clusterId, string logDirectory, IReadOnlyDictionary<string, string> settings)
    {
        Name = name;
        HttpPort = LoopbackPorts.Free();
        SiloPort = LoopbackPorts.Free();
        GatewayPort = LoopbackPorts.Free();
        LogFile = Path.Combine(logDirectory, name + ".log");
        BaseAddress = new Uri($"http://127.0.0.1:{HttpPort}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(ServerBinary.Path)!,
        };
        start.ArgumentList.Add(ServerBinary.Path);
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = BaseAddress.ToString().TrimEnd('/'),
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["CEM__CONTROLDATABASE__CONNECTIONSTRING"] = databases.Control,
            ["CEM__CLUSTER__CLUSTERID"] = clusterId,
            ["CEM__CLUSTER__SERVICEID"] = clusterId,
            ["CEM__CLUSTER__MEMBERSHIP"] = "postgres",
            ["CEM__CLUSTER__ADVERTISEDADDRESS"] = "127.0.0.1",
            ["CEM__CLUSTER__SILOPORT"] = SiloPort.ToString(CultureInfo.InvariantCulture),
            ["CEM__CLUSTER__GATEWAYPORT"] = GatewayPort.ToString(CultureInfo.InvariantCulture),
            ["CEM__DATADIRECTORY"] = logDirectory,
            ["CEM__LOGGING__FILE"] = "",
            // Every node shares the data folder, hence the generated token certificates; node1 writes the
            // demo ingest client's credentials there (DevChannel reads them).
            ["CEM__IDENTITY__ALLOWPLAINHTTP"] = "true",
            // Nodes listen on different ports; one issuer makes a token of one node valid on all (as behind a load balancer).
            ["CEM__IDENTITY__ISSUER"] = "http://cem-cluster.test/",
            ["CEM__IDENTITY__ADMINUIREDIRECTURIS__0"] = DevAdmin.RedirectUri,
            ["CEM__IDENTITY__GENERATECERTIFICATES"] = "true",
            ["CEM__IDENTITY__ACCESSTOKENSECONDS"] = "3600",
            ["CEM__IDENTITY__CREATEDEVCREDENTIALS"] = name == "node1" ? "true" : "false",
            ["Serilog__MinimumLevel__Default"] = "Warning",
            ["Serilog__MinimumLevel__Override__Microsoft.Hosting.Lifetime"] = "Warning",
            ["Serilog__MinimumLevel__Override__Polly"] = "Warning",
        };
        foreach (var (region, connectionString) in databases.Regions)
        {
            environment[$"CEM__REGIONS__{region}__CONNECTIONSTRING"] = connectionString;
        }

        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        _log = new StreamWriter(LogFile) { AutoFlush = true };
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, line) => Write(line.Data);
        _process.ErrorDataReceived += (_, line) => Write(line.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }

    public int HttpPort { get; }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public Uri BaseAddress { get; }

    public string LogFile { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static ServerNode Start(string name, ClusterDatabases databases, string clusterId, string logDirectory, IReadOnlyDictionary<string, string>? settings = null) =>
        new(name, databases, clusterId, logDirectory, settings ?? new Dictionary<string, string>());

    /// <summary>Waits (bounded) until <c>/readyz</c> answers 200: databases migrated, silo active in the cluster.</summary>
    public async Task WaitReadyAsync(TimeSpan limit)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < limit)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} before it was ready.\n{Tail()}");
            }

            try
            {
                using var response = await Probe.GetAsync(new Uri(BaseAddress, "/readyz"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{Name} was not ready within {limit}.\n{Tail()}");
    }

    /// <summary>kill -9: no shutdown, no leaving the cluster, as a crashed machine.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    /// <summary>SIGTERM, as systemd or Kubernetes stop a node.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public async Task<bool> WaitForExitAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The last lines of the node's console output, for failure messages.</summary>
    public string Tail(int lines = 40)
    {
        lock (_log)
        {
            _log.Flush();
        }

        using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var all = reader.ReadToEnd().Split('\n');
        return $"--- {Name} (last {lines} lines) ---\n" + string.Join('\n', all.TakeLast(lines));
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await Task.Yield();
        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            try
            {
                _log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // Output arriving after disposal.
            }
        }
    }
}
