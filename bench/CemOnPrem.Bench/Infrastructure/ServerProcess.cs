using System.Diagnostics;

namespace CemOnPrem.Bench.Infrastructure;

/// <summary>
/// The real server (the built CemOnPrem.Server.dll) as a child process on loopback, configured the way
/// <c>./cem run</c> configures it, but Production environment, no demo data, logs into the bench folder.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private ServerProcess(Process process, StreamWriter log, Uri baseAddress)
    {
        _process = process;
        _log = log;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    /// <summary>Access token of the server's demo ingest client (scope cem.ingest).</summary>
    public string? IngestToken { get; private set; }

    public static async Task<ServerProcess> StartAsync(
        string serverDll, BenchPostgres postgres, bool synchronousCommit, string name, IReadOnlyList<string> settings, IReadOnlyList<string> environment)
    {
        if (!File.Exists(serverDll))
        {
            throw new InvalidOperationException($"{serverDll} does not exist; build it first: dotnet build server/CemOnPrem.Server -c Release");
        }

        var port = BenchPostgres.FreeLoopbackPort();
        var dataDirectory = Path.Combine(postgres.Directory, "server-" + name);
        Directory.CreateDirectory(dataDirectory);
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(serverDll)!,
        };
        start.ArgumentList.Add(serverDll);
        foreach (var setting in settings)
        {
            start.ArgumentList.Add("--" + setting);
        }

        var env = start.Environment;
        env["CEM__CONTROLDATABASE__CONNECTIONSTRING"] = postgres.ConnectionString("cem_control", synchronousCommit);
        env["CEM__REGIONS__cn-east__CONNECTIONSTRING"] = postgres.ConnectionString("cem_cn_east", synchronousCommit);
        env["CEM__REGIONS__eu-central__CONNECTIONSTRING"] = postgres.ConnectionString("cem_eu_central", synchronousCommit);
        env["CEM__DATADIRECTORY"] = dataDirectory;
        // One key folder for every server of a run, as the nodes of a cluster share their KEKs: the second server reads
        // the data keys the first one wrapped (and refuses to start if it cannot unwrap them).
        env["CEM__PRIVACY__KEYDIRECTORY"] = Path.Combine(postgres.Directory, "keys");
        env["CEM__DEMO__SEED"] = "false";
        env["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        env["CEM__CLUSTER__SILOPORT"] = BenchPostgres.FreeLoopbackPort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        env["CEM__CLUSTER__GATEWAYPORT"] = BenchPostgres.FreeLoopbackPort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Identity as in development: plain HTTP on loopback, generated certificates, a demo ingest client whose
        // token the load carries (token-entry validation is part of what is measured).
        env["CEM__IDENTITY__ALLOWPLAINHTTP"] = "true";
        env["CEM__IDENTITY__GENERATECERTIFICATES"] = "true";
        env["CEM__IDENTITY__ACCESSTOKENSECONDS"] = "3600";
        env["CEM__IDENTITY__CREATEDEVCREDENTIALS"] = "true";
        env["DOTNET_ENVIRONMENT"] = "Production";
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var variable in environment)
        {
            var eq = variable.IndexOf('=', StringComparison.Ordinal);
            env[variable[..eq]] = variable[(eq + 1)..];
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the server.");
        var log = new StreamWriter(Path.Combine(dataDirectory, "console.log")) { AutoFlush = true };
        // Drain both streams (a full pipe would block the server's console logging and distort the numbers).
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, log, new Uri($"http://127.0.0.1:{port}/"));
        await server.WaitReadyAsync(TimeSpan.FromSeconds(120), Path.Combine(dataDirectory, "console.log"));
        server.IngestToken = await IngestTokenAsync(server.BaseAddress, dataDirectory);
        return server;
    }

    private static async Task<string> IngestTokenAsync(Uri baseAddress, string dataDirectory)
    {
        using var credentials = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(dataDirectory, "dev-credentials.json")));
        var client = credentials.RootElement.GetProperty("ingestClient");
        using var http = new HttpClient { BaseAddress = baseAddress };
        using var response = await http.PostAsync(new Uri("connect/token", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = client.GetProperty("clientId").GetString()!,
            ["client_secret"] = client.GetProperty("clientSecret").GetString()!,
            ["scope"] = "cem.ingest",
        }));
        response.EnsureSuccessStatusCode();
        using var token = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return token.RootElement.GetProperty("access_token").GetString()!;
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }

    private async Task WaitReadyAsync(TimeSpan timeout, string logFile)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                // The run's folder is deleted afterwards: the reason goes into the message.
                var tail = File.Exists(logFile) ? string.Join('\n', File.ReadLines(logFile).TakeLast(25)) : "(no log)";
                throw new InvalidOperationException($"The server exited with {_process.ExitCode} during start-up; last lines of {logFile}:\n{tail}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("readyz", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Slow start; try again.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The server was not ready within {timeout.TotalSeconds} s; see {logFile}.");
    }

    /// <summary>SIGTERM (graceful: region writers drain), then kill if it does not exit.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await ProcessRunner.RunAsync("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }
}
