using CemOnPrem.Http.Configuration;

namespace CemOnPrem.Server.Demo;

/// <summary>When a demo background job may begin: only with <c>Cem:Demo:Seed</c>, and once the host has started.</summary>
internal static class DemoStart
{
    /// <returns>False when the demo is off (the job has nothing to do).</returns>
    public static async Task<bool> WaitAsync(CemOptions options, IHostApplicationLifetime lifetime, CancellationToken stoppingToken)
    {
        if (!options.Demo.Seed)
        {
            return false;
        }

        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(started.SetResult))
        {
            await started.Task.WaitAsync(stoppingToken).ConfigureAwait(false);
        }

        return true;
    }
}
