using System.Diagnostics;

namespace CemOnPrem.Cluster.Tests.Support;

/// <summary>Bounded waits for a condition (the bound is a safety net against hangs, not a performance assertion).</summary>
internal static class Eventually
{
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan limit, Func<string> failure)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > limit)
            {
                Assert.Fail(failure());
            }

            await Task.Delay(100);
        }
    }

    public static Task HoldsAsync(Func<bool> condition, TimeSpan limit, Func<string> failure) =>
        HoldsAsync(() => Task.FromResult(condition()), limit, failure);
}
