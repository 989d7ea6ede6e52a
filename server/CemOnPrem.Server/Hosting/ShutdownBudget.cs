namespace CemOnPrem.Server.Hosting;

/// <summary>
/// How <c>Cem:Cluster:ShutdownTimeoutSeconds</c> is spent: the host cancels the services' stop at
/// <see cref="HostTimeout"/>; a stop still running at <see cref="GuardAfter"/> is cut short (<see cref="ShutdownGuard"/>),
/// so the process is gone before the budget ends and a service manager never needs SIGKILL.
/// </summary>
internal sealed record ShutdownBudget(TimeSpan Total)
{
    /// <summary>A tenth of the budget, at most 2 s: time to exit after the guard, and for the guard after the host.</summary>
    public TimeSpan Margin { get; } = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(2).Ticks, Total.Ticks / 10));

    public TimeSpan HostTimeout => Total - (2 * Margin);

    public TimeSpan GuardAfter => Total - Margin;

    public static ShutdownBudget Of(int seconds) => new(TimeSpan.FromSeconds(seconds));
}
