using System.Globalization;

namespace CemOnPrem.Bench.Infrastructure;

/// <summary>
/// CPU seconds spent by the server process, the PostgreSQL cluster (postmaster and its backends) and this
/// process over a measured window, from /proc. On a shared machine throughput moves with other people's load;
/// CPU per event does much less, so it is the figure to compare changes by.
/// </summary>
internal sealed class CpuProbe(int serverPid, int postmasterPid)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux
    private (double Server, double Postgres, double Client) _start;

    public CpuUse? Result { get; private set; }

    public void Start() => _start = Sample();

    public void Stop(TimeSpan window)
    {
        var end = Sample();
        Result = new CpuUse(end.Server - _start.Server, end.Postgres - _start.Postgres, end.Client - _start.Client, window.TotalSeconds);
    }

    private (double Server, double Postgres, double Client) Sample()
    {
        double postgres = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            var stat = Stat(pid);
            if (stat is { } s && (pid == postmasterPid || s.ParentPid == postmasterPid))
            {
                postgres += s.CpuSeconds;
            }
        }

        return (Stat(serverPid)?.CpuSeconds ?? 0, postgres, Environment.ProcessId == 0 ? 0 : System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds);
    }

    private static (int ParentPid, double CpuSeconds)? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the parenthesised command name: state(3) ppid(4) ... utime(14) stime(15).
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return (parent, ticks / TicksPerSecond);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}

/// <summary>CPU seconds used during a window of <see cref="Seconds"/>; 1.0 per second = one core busy.</summary>
internal sealed record CpuUse(double ServerSeconds, double PostgresSeconds, double ClientSeconds, double Seconds)
{
    public double ServerCores => ServerSeconds / Seconds;

    public double PostgresCores => PostgresSeconds / Seconds;

    public double ClientCores => ClientSeconds / Seconds;
}
