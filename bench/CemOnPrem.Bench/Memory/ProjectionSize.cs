using CemOnPrem.Contracts.Customers;
using CemOnPrem.Grains.Customers;

namespace CemOnPrem.Bench.Memory;

/// <summary>
/// The heap a customer's state takes on its own: N projections with the one event each seeded customer has,
/// built from distinct strings and dictionaries as a database read produces them.
/// </summary>
internal static class ProjectionSize
{
    public static double Measure(int n)
    {
        var before = GrainMemoryBench.HeapAfterFullGc();
        var projections = new CustomerProjection[n];
        for (var i = 0; i < n; i++)
        {
            var entry = new TimelineEntry(
                i + 1, new string("bench-channel".AsSpan()), "mem-" + i, new string("feedback".AsSpan()), new string("branch-visit".AsSpan()),
                new string("cn-sh-branch-01".AsSpan()), DateTimeOffset.UtcNow,
                new Dictionary<string, double> { [new string("nps".AsSpan())] = 9 },
                new Dictionary<string, string> { [new string("device".AsSpan())] = new string("tablet".AsSpan()) },
                new string("Quick and friendly service, short queue.".AsSpan()));
            var projection = new CustomerProjection();
            projection.Apply(entry);
            projections[i] = projection;
        }

        var after = GrainMemoryBench.HeapAfterFullGc();
        GC.KeepAlive(projections);
        return (after - before) / (double)n;
    }
}
