using System.Diagnostics;

namespace CemOnPrem.Testing.Postgres;

/// <summary>Runs PostgreSQL tools; as root they run as the <c>postgres</c> user, because initdb and postgres refuse root.</summary>
internal static class PostgresProcess
{
    public static bool RunningAsRoot => Environment.UserName == "root";

    public static void HandOverToPostgresUser(string directory)
    {
        if (RunningAsRoot)
        {
            RunAsync("chown", ["-R", "postgres:postgres", directory]).GetAwaiter().GetResult();
        }
    }

    public static async Task RunAsync(string program, IReadOnlyList<string> arguments, string? logFile = null)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (RunningAsRoot && program != "chown")
        {
            start.FileName = "runuser";
            foreach (var part in (string[])["-u", "postgres", "--", program])
            {
                start.ArgumentList.Add(part);
            }
        }
        else
        {
            start.FileName = program;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            var log = logFile is not null && File.Exists(logFile) ? await File.ReadAllTextAsync(logFile) : "";
            throw new InvalidOperationException(
                $"PostgreSQL could not be set up: '{program} {string.Join(' ', arguments)}' exited with {process.ExitCode}.\n{await output}\n{await error}\n{log}");
        }
    }
}
