using System.Diagnostics;

namespace CemOnPrem.Bench.Infrastructure;

/// <summary>Runs a tool to completion; PostgreSQL tools run as the <c>postgres</c> user when we are root (they refuse root).</summary>
internal static class ProcessRunner
{
    public static bool IsRoot => Environment.UserName == "root";

    public static ProcessStartInfo StartInfo(string program, IEnumerable<string> arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = "/" };
        if (asPostgres && IsRoot)
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

        return start;
    }

    /// <returns>Standard output. Throws with both streams when the tool fails.</returns>
    public static async Task<string> RunAsync(string program, IEnumerable<string> arguments, bool asPostgres = false, int timeoutSeconds = 120)
    {
        using var process = Process.Start(StartInfo(program, arguments, asPostgres)) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{program} {string.Join(' ', arguments)}' exited with {process.ExitCode}:\n{await output}\n{await error}");
        }

        return await output;
    }
}
