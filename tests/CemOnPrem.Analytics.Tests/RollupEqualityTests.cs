using CemOnPrem.Analytics.Projection;
using CemOnPrem.Contracts.Customers;
using CemOnPrem.Storage.Events;
using CemOnPrem.Testing;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace CemOnPrem.Analytics.Tests;

/// <summary>
/// Rollups maintained incrementally (many small cycles, events out of order, identity merges, journeys timing
/// out as the clock moves) equal a full recompute from the raw events, cell for cell.
/// </summary>
public sealed class RollupEqualityTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private const string Region = MigratedDatabases.EuCentral;
    private static readonly string[] Touchpoints = ["loan-applied", "loan-reviewed", "loan-approved", "loan-withdrawn", "branch-visit"];
    private static readonly string[] OrgUnits = ["b1", "b2", "b3", "b4", "b5"];

    [Fact]
    public async Task Incremental_rollups_equal_a_recompute_on_12000_randomised_events()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var clock = new ManualClock(new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero));
        var (projector, verifier) = Create(clock, maxEventsPerCycle: 700);
        var writer = new EventLogWriter(databases.Regions, clock, databases.Protection);
        var random = new Random(4242);
        var start = clock.GetUtcNow().AddDays(-20);
        for (var batch = 0; batch < 60; batch++)
        {
            var events = Enumerable.Range(0, 200).Select(i => RandomEvent(random, batch * 200 + i, start)).ToList();
            await writer.AppendAsync(Region, events, cancellation);
            if (batch % 3 == 2)
            {
                clock.Advance(TimeSpan.FromHours(random.Next(1, 30)));
                await projector.CatchUpAsync(Region, cancellation);
            }
        }

        var merged = await CountAsync("select count(*) from customers where merged_into is not null");
        Assert.True(merged > 10, $"the random data should merge customers ({merged} merged)");
        var result = await verifier.VerifyAsync(Region, null, cancellation);

        Assert.True(result.Conclusive, result.Note);
        Assert.True(result.Comparison!.RecomputedCells > 500, $"{result.Comparison.RecomputedCells} cells");
        Assert.True(result.Equal, string.Join("\n", result.Comparison.Differences.Select(d => d.ToString())));
        Assert.True(await CountAsync("select count(*) from journeys where status = 'abandoned'") > 0);

        // The comparison does see a wrong cell.
        await using (var connection = await databases.Regions.For(Region).OpenConnectionAsync(cancellation))
        {
            await connection.ExecuteAsync("update metric_rollups set n = n + 1 where (metric, day, org_unit_id, journey, stage) = " +
                "(select metric, day, org_unit_id, journey, stage from metric_rollups where metric = 'nps' limit 1)");
        }

        var tampered = await verifier.VerifyAsync(Region, null, cancellation);
        Assert.Equal(1, tampered.Comparison!.DifferentCells);
        Assert.Equal("nps", tampered.Comparison.Differences.Single().Metric);
    }

    private (AnalyticsProjector Projector, RollupVerifier Verifier) Create(TimeProvider clock, int maxEventsPerCycle)
    {
        var model = new TestModel();
        var options = Options.Create(new ProjectionOptions { MaxEventsPerCycle = maxEventsPerCycle, MaxDuePerCycle = 50 });
        var projector = new AnalyticsProjector(new ProjectionStore(databases.Regions), databases.Regions, model, clock, options,
            NullLogger<AnalyticsProjector>.Instance);
        return (projector, new RollupVerifier(projector, databases.Regions, model, clock));
    }

    private static NewEvent RandomEvent(Random random, int n, DateTimeOffset start)
    {
        var customer = random.Next(800);
        List<CustomerIdentity> identities = [new("email", $"c{customer}@example.test")];
        if (random.Next(100) < 2)
        {
            identities.Add(new("email", $"c{random.Next(800)}@example.test")); // the same person known twice: a merge
        }

        var occurredAt = start.AddMinutes(random.Next(20 * 24 * 60)); // arrival order is unrelated to occurrence order
        var orgUnit = random.Next(6) == 0 ? null : OrgUnits[random.Next(OrgUnits.Length)];
        if (random.Next(3) == 0)
        {
            var scores = new Dictionary<string, double> { ["nps"] = random.Next(11) };
            if (random.Next(2) == 0)
            {
                scores["csat"] = random.Next(1, 6);
                scores["ces"] = random.Next(1, 8);
            }

            var touchpoint = random.Next(2) == 0 ? Touchpoints[random.Next(Touchpoints.Length)] : null;
            return new NewEvent("test", $"e{n}", Region, "feedback", touchpoint, orgUnit, occurredAt, identities, new Dictionary<string, string>(), scores, null);
        }

        return new NewEvent("test", $"e{n}", Region, "touchpoint", Touchpoints[random.Next(Touchpoints.Length)], orgUnit, occurredAt, identities,
            new Dictionary<string, string>(), new Dictionary<string, double>(), null);
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = await databases.Regions.For(Region).OpenConnectionAsync(TestContext.Current.CancellationToken);
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
