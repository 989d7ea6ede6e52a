namespace CemOnPrem.Server.Health;

/// <summary>Tracks whether this process's silo has reached the Active stage (and not begun to stop).</summary>
public sealed class SiloReadiness : ILifecycleParticipant<ISiloLifecycle>
{
    private volatile bool _active;

    public bool IsActive => _active;

    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(
            nameof(SiloReadiness),
            ServiceLifecycleStage.Active,
            _ =>
            {
                _active = true;
                return Task.CompletedTask;
            },
            _ =>
            {
                _active = false;
                return Task.CompletedTask;
            });
    }
}
