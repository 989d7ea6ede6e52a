using System.Runtime.InteropServices;
using CemOnPrem.Http.Configuration;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Server.Hosting;

/// <summary>
/// Keeps the shutdown budget whatever the database does. The host cancels each service's stop at its timeout but then
/// still waits for a service that does not listen (the silo saying goodbye in the membership table, a commit waiting for
/// a connection), and disposing the services afterwards may wait too. So from the moment stopping begins, this waits
/// <see cref="ShutdownBudget.GuardAfter"/>; if the process still lives then, it logs one line and ends it with
/// <see cref="ExitCode"/>. What the node could not tell the membership table, the other silos' failure detection settles.
/// Only in the server's own process (one host per process).
/// </summary>
internal sealed partial class ShutdownGuard(IHostApplicationLifetime lifetime, IOptions<CemOptions> options, ILogger<ShutdownGuard> logger)
    : IHostedLifecycleService
{
    /// <summary>Not 0: the stop was cut short (a service manager may note it); not 137 (SIGKILL) either.</summary>
    public const int ExitCode = 3;

    // Rooted here, not in the instance: disposing the services must not disarm it, disposal is what may hang.
    private static Timer? s_armed;

    // Before any service starts: a SIGTERM while a start waits for the database is covered too.
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        if (System.Reflection.Assembly.GetEntryAssembly() != typeof(ShutdownGuard).Assembly)
        {
            // Not the server's own process (a test host running servers in-process): ending it is not ours to do.
            return Task.CompletedTask;
        }

        var budget = ShutdownBudget.Of(options.Value.Cluster.ShutdownTimeoutSeconds);
        lifetime.ApplicationStopping.Register(() => Arm(budget));
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Arm(ShutdownBudget budget)
    {
        var timer = new Timer(_ => CutShort(budget), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        if (Interlocked.CompareExchange(ref s_armed, timer, null) is null)
        {
            timer.Change(budget.GuardAfter, Timeout.InfiniteTimeSpan);
        }
        else
        {
            timer.Dispose();
        }
    }

    private void CutShort(ShutdownBudget budget)
    {
        LogCutShort(logger, budget.GuardAfter.TotalSeconds, budget.Total.TotalSeconds, ExitCode);
        // The console and file sinks write each event through; nothing is buffered that this would lose.
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            // Environment.Exit would run the exit handlers, and the host's own waits for the stop that is hanging.
            NativeMethods.Exit(ExitCode);
        }

        Environment.Exit(ExitCode);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Stopping took longer than {Seconds} s of the {Budget} s shutdown budget (Cem:Cluster:ShutdownTimeoutSeconds); exiting now with code {ExitCode}, the other nodes will declare this one dead")]
    private static partial void LogCutShort(ILogger logger, double seconds, double budget, int exitCode);

    private static class NativeMethods
    {
        // DllImport, not LibraryImport: that would need unsafe code enabled in the project for one call without marshalling.
        [DllImport("libc", EntryPoint = "_exit")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern void Exit(int status);
    }
}
