using CemOnPrem.Analytics.Projection;
using CemOnPrem.Storage.Databases;
using Xunit;

namespace CemOnPrem.Analytics.Tests;

/// <summary>A clock that always says the same moment.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

internal static class ProjectionCatchUp
{
    /// <summary>
    /// Runs cycles until nothing written so far waits for the projection. A cycle only reaches the cluster-wide xmin,
    /// which other test classes' open transactions can hold back for a moment, so one catch-up may stop short.
    /// </summary>
    /// <returns>Histories taken from the projector's memory over the cycles it took.</returns>
    public static async Task<long> RunAsync(AnalyticsProjector projector, RegionDatabases regions, string region, CancellationToken cancellationToken)
    {
        var store = new ProjectionStore(regions);
        long fromMemory = 0;
        for (var attempt = 0; ; attempt++)
        {
            CycleResult result;
            do
            {
                result = await projector.RunCycleAsync(region, cancellationToken);
                fromMemory += result.HistoriesFromMemory;
            }
            while (result.HasMore);

            if ((await store.ReadStatusAsync(region, cancellationToken)).EventsPending == 0)
            {
                return fromMemory;
            }

            Assert.True(attempt < 600, "the projection did not catch up");
            await Task.Delay(50, cancellationToken);
        }
    }
}
