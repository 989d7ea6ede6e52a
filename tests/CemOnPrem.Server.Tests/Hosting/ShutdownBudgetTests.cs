using CemOnPrem.Server.Hosting;
using Microsoft.Extensions.Hosting;

namespace CemOnPrem.Server.Tests.Hosting;

public sealed class ShutdownBudgetTests
{
    [Theory]
    [InlineData(30, 26, 28)]
    [InlineData(10, 8, 9)]
    [InlineData(1, 0.8, 0.9)]
    public void The_host_gives_up_before_the_guard_and_the_guard_before_the_budget_ends(int budget, double hostSeconds, double guardSeconds)
    {
        var shares = ShutdownBudget.Of(budget);

        Assert.Equal(TimeSpan.FromSeconds(hostSeconds), shares.HostTimeout);
        Assert.Equal(TimeSpan.FromSeconds(guardSeconds), shares.GuardAfter);
        Assert.True(shares.HostTimeout > TimeSpan.Zero);
    }

    [Fact]
    public async Task The_guard_does_not_arm_in_a_process_that_is_not_the_server()
    {
        // This test process runs servers in-process: stopping one of them must never end it.
        using var lifetime = new StoppingLifetime();
        var guard = new ShutdownGuard(lifetime, Microsoft.Extensions.Options.Options.Create(new CemOnPrem.Http.Configuration.CemOptions { Cluster = { ShutdownTimeoutSeconds = 1 } }),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<ShutdownGuard>.Instance);

        await guard.StartingAsync(TestContext.Current.CancellationToken);
        lifetime.StopApplication();
        // Armed, it would end this test process (exit code 3) 0.9 s after stopping began: the run itself would fail.
        await Task.Delay(TimeSpan.FromSeconds(1.5), TestContext.Current.CancellationToken);
        Assert.True(lifetime.ApplicationStopping.IsCancellationRequested);
    }

    private sealed class StoppingLifetime : IHostApplicationLifetime, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new();

        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => _stopping.Token;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => _stopping.Cancel();

        public void Dispose() => _stopping.Dispose();
    }
}
