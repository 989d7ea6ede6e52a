using System.Diagnostics;

namespace CemOnPrem.Testing.Postgres;

/// <summary>Stops and removes clusters left behind by test runs that were killed before their clean-up ran.</summary>
internal static class StaleClusters
{
    public static void CleanUp(string tempRoot, string prefix)
    {
        foreach (var dir in Directory.GetDirectories(tempRoot, prefix + "*"))
        {
            var ownerFile = Path.Combine(dir, "owner.pid");
            if (!File.Exists(ownerFile) || !int.TryParse(File.ReadAllText(ownerFile), out var owner) || IsAlive(owner))
            {
                continue;
            }

            try
            {
                PostgresProcess.RunAsync(Path.Combine(PostgresBinaries.Locate(), "pg_ctl"), ["-D", Path.Combine(dir, "data"), "-m", "immediate", "-w", "stop"])
                    .GetAwaiter().GetResult();
            }
            catch (InvalidOperationException)
            {
                // Not running any more: nothing to stop.
            }

            Directory.Delete(dir, recursive: true);
        }
    }

    private static bool IsAlive(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
