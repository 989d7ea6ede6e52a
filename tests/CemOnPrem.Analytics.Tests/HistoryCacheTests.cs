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
/// The projector's in-memory customer histories (<see cref="CustomerHistoryCache"/>): used for customers it has derived
/// before, and never once the log may hold something else below the watermark — another node's cycle, a rectification,
/// an erasure. Every test ends with rollups equal to a full recompute from the log.
/// </summary>
public sealed class HistoryCacheTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] Touchpoints = ["loan-applied", "loan-reviewed", "loan-approved", "loan-withdrawn", "branch-visit"];
    private static int _events; // event ids must differ between the tests of the class (one instance per test)

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_customer_derived_before_is_derived_from_memory_plus_its_new_events()
    {
        const string region = MigratedDatabases.EuCentral;
        var projector = Create();
        var customers = Enumerable.Range(0, 20).Select(i => $"seen-{i}@example.test").ToList();
        await WriteAsync(region, customers.Select(c => Touchpoint(c, "loan-applied", Now.AddHours(-30))));
        var first = await CatchUpAsync(projector, region);
        await WriteAsync(region, customers.Select(c => Touchpoint(c, "loan-reviewed", Now.AddHours(-20))));
        await WriteAsync(region, customers.Select(c => Feedback(c, 9, Now.AddHours(-10))));
        var second = await CatchUpAsync(projector, region);

        Assert.Equal(0, first);
        Assert.True(second >= customers.Count, $"{second} histories from memory");
        Assert.True(projector.RememberedEvents >= 3 * customers.Count, $"{projector.RememberedEvents} events remembered");
        await AssertEqualToRecomputeAsync(projector, region);
    }

    [Fact]
    public async Task Two_nodes_taking_turns_with_merges_and_late_events_equal_a_recompute()
    {
        const string region = MigratedDatabases.CnEast;
        var roomy = Create(maxEventsPerCycle: 150);
        var cramped = Create(maxEventsPerCycle: 150, historyCacheEvents: 40); // evicts all the time
        var random = new Random(77);
        long fromMemory = 0;
        for (var batch = 0; batch < 30; batch++)
        {
            await WriteAsync(region, Enumerable.Range(0, 100).Select(_ => RandomEvent(random)));
            for (var turn = 0; turn < 4; turn++)
            {
                var result = await (random.Next(2) == 0 ? roomy : cramped).RunCycleAsync(region, Cancellation);
                fromMemory += result.HistoriesFromMemory;
            }
        }

        await CatchUpAsync(roomy, region);
        Assert.True(await ScalarAsync(region, "select count(*) from customers where merged_into is not null", null) > 3, "the data should merge customers");
        Assert.True(fromMemory > 100, $"{fromMemory} histories from memory");
        Assert.True(cramped.RememberedEvents <= 40);
        await AssertEqualToRecomputeAsync(roomy, region);
    }

    [Fact]
    public async Task A_customer_whose_events_were_rectified_is_read_from_the_log()
    {
        const string region = MigratedDatabases.EuCentral;
        var projector = Create();
        var customer = await WriteAsync(region, [Feedback("rectified@example.test", 10, Now.AddHours(-5), orgUnit: "r1")]);
        await CatchUpAsync(projector, region);

        // What Rectifier does: change the events in place, re-stamp the customer's row.
        await using (var connection = await databases.Regions.For(region).OpenConnectionAsync(Cancellation))
        {
            await connection.ExecuteAsync("update events set org_unit = 'r2' where customer_id = @customer; " +
                "update customers set tx = pg_current_xact_id() where customer_id = @customer", new { customer });
        }

        await WriteAsync(region, [Feedback("rectified@example.test", 9, Now.AddHours(-4), orgUnit: "r2")]);
        await CatchUpAsync(projector, region);

        Assert.Equal(2, await ScalarAsync(region,
            "select coalesce(sum(r.n), 0) from metric_rollups r join org_unit_ids o on o.id = r.org_unit_id where r.metric = 'nps' and o.code = 'r2'", null));
        await AssertEqualToRecomputeAsync(projector, region);
    }

    [Fact]
    public async Task A_node_does_not_trust_a_history_without_a_stored_row_after_another_node_ran_a_cycle()
    {
        const string region = MigratedDatabases.CnEast;
        var first = Create();
        var second = Create();
        const string email = "quiet@example.test";

        // Branch visits alone contribute nothing: the customer has no stored row to vouch for a copy.
        var customer = await WriteAsync(region, [Touchpoint(email, "branch-visit", Now.AddHours(-10))]);
        await CatchUpAsync(first, region);
        await WriteAsync(region, [Touchpoint(email, "branch-visit", Now.AddHours(-30))]);
        await CatchUpAsync(second, region);
        // A promoter after a touchpoint: "loyal-share" counts it only if the node sees the visit 30 hours ago.
        await WriteAsync(region, [Feedback(email, 10, Now.AddHours(-20))]);
        await CatchUpAsync(first, region);

        Assert.Equal(1, await ScalarAsync(region, "select count(*) from customer_analytics where customer_id = @customer and cells::text like '%loyal-share%'",
            customer));
        await AssertEqualToRecomputeAsync(first, region);
    }

    [Fact]
    public async Task An_erasure_makes_every_node_forget_the_region_whether_or_not_it_can_run_a_cycle()
    {
        const string region = MigratedDatabases.EuCentral;
        var running = Create();
        var waiting = Create();
        var erased = await WriteAsync(region, [Feedback("erased@example.test", 3, Now.AddHours(-3)), Feedback("kept@example.test", 7, Now.AddHours(-3))]);
        await CatchUpAsync(running, region);
        await WriteAsync(region, [Feedback("kept@example.test", 8, Now.AddHours(-2))]);
        await CatchUpAsync(waiting, region);
        Assert.True(running.RememberedEvents > 0 && waiting.RememberedEvents > 0);

        await using (var connection = await databases.Regions.For(region).OpenConnectionAsync(Cancellation))
        await using (var transaction = await connection.BeginTransactionAsync(Cancellation))
        {
            await RetiredContributions.LockProjectionAsync(connection, transaction, Cancellation);
            await RetiredContributions.RetireAsync(connection, transaction, [erased], Cancellation);
            // What CustomerErasure then deletes; without it the region would no longer equal a recompute from the log
            // and every later test on it would fail.
            await connection.ExecuteAsync("delete from journeys where customer_id = @erased; delete from customer_identities where customer_id = @erased; " +
                "delete from events where customer_id = @erased; delete from customer_keys where customer_id = @erased; " +
                "delete from customers where customer_id = @erased", new { erased }, transaction);
            await transaction.CommitAsync(Cancellation);
        }

        await running.RunCycleAsync(region, Cancellation);
        Assert.Equal(0, running.RememberedEvents);
        await AssertEqualToRecomputeAsync(running, region);

        // Another node holds the region: the waiting node still learns of the erasure.
        await using (var connection = await databases.Regions.For(region).OpenConnectionAsync(Cancellation))
        await using (var transaction = await connection.BeginTransactionAsync(Cancellation))
        {
            await RetiredContributions.LockProjectionAsync(connection, transaction, Cancellation);
            Assert.True((await waiting.RunCycleAsync(region, Cancellation)).Busy);
            Assert.Equal(0, waiting.RememberedEvents);
        }
    }

    [Fact]
    public async Task A_watermark_above_the_databases_transaction_ids_is_reported()
    {
        const string region = MigratedDatabases.CnEast;
        var projector = Create();
        await CatchUpAsync(projector, region);
        var watermark = await ScalarAsync(region, "select watermark from analytics_checkpoint", null);
        Assert.False((await projector.RunCycleAsync(region, Cancellation)).WatermarkAhead);

        // What a pg_dump / pg_restore into a new cluster looks like: the stored watermark far above the new transaction ids.
        await ScalarAsync(region, "update analytics_checkpoint set watermark = 900000000000000 returning 0", null);
        try
        {
            Assert.True((await projector.RunCycleAsync(region, Cancellation)).WatermarkAhead);
        }
        finally
        {
            await ScalarAsync(region, $"update analytics_checkpoint set watermark = {watermark} returning 0", null);
        }
    }

    private AnalyticsProjector Create(int maxEventsPerCycle = 5000, int historyCacheEvents = 250_000) =>
        new(new ProjectionStore(databases.Regions), databases.Regions, new TestModel(), new FixedClock(Now),
            Options.Create(new ProjectionOptions { MaxEventsPerCycle = maxEventsPerCycle, HistoryCacheEvents = historyCacheEvents }),
            NullLogger<AnalyticsProjector>.Instance);

    private Task<long> CatchUpAsync(AnalyticsProjector projector, string region) =>
        ProjectionCatchUp.RunAsync(projector, databases.Regions, region, Cancellation);

    private async Task AssertEqualToRecomputeAsync(AnalyticsProjector projector, string region)
    {
        var verification = await new RollupVerifier(projector, databases.Regions, new TestModel(), new FixedClock(Now)).VerifyAsync(region, null, Cancellation);
        Assert.True(verification.Conclusive, verification.Note);
        Assert.True(verification.Equal, string.Join("\n", verification.Comparison!.Differences.Select(d => d.ToString())));
    }

    private static NewEvent RandomEvent(Random random)
    {
        var customer = random.Next(150);
        List<CustomerIdentity> identities = [new("email", $"turns-{customer}@example.test")];
        if (random.Next(100) < 3)
        {
            identities.Add(new("email", $"turns-{random.Next(150)}@example.test")); // the same person known twice: a merge
        }

        var occurredAt = Now.AddMinutes(-random.Next(10 * 24 * 60)); // arrival order is unrelated to occurrence order
        var n = Interlocked.Increment(ref _events);
        return random.Next(3) == 0
            ? new NewEvent("test", $"cache-{n}", MigratedDatabases.CnEast, "feedback", null, "b1", occurredAt, identities,
                new Dictionary<string, string>(), new Dictionary<string, double> { ["nps"] = random.Next(11) }, null)
            : new NewEvent("test", $"cache-{n}", MigratedDatabases.CnEast, "touchpoint", Touchpoints[random.Next(Touchpoints.Length)], "b2", occurredAt,
                identities, new Dictionary<string, string>(), new Dictionary<string, double>(), null);
    }

    private static NewEvent Touchpoint(string email, string touchpoint, DateTimeOffset at) =>
        new("test", $"cache-{Interlocked.Increment(ref _events)}", "", "touchpoint", touchpoint, "b1", at, [new("email", email)],
            new Dictionary<string, string>(), new Dictionary<string, double>(), null);

    private static NewEvent Feedback(string email, double nps, DateTimeOffset at, string orgUnit = "b1") =>
        new("test", $"cache-{Interlocked.Increment(ref _events)}", "", "feedback", null, orgUnit, at, [new("email", email)],
            new Dictionary<string, string>(), new Dictionary<string, double> { ["nps"] = nps }, null);

    /// <returns>The customer of the first event.</returns>
    private async Task<string> WriteAsync(string region, IEnumerable<NewEvent> events)
    {
        var outcome = await new EventLogWriter(databases.Regions, new FixedClock(Now), databases.Protection)
            .AppendAsync(region, [.. events.Select(e => e with { Region = region })], Cancellation);
        return outcome.Receipts[0].CustomerId;
    }

    private async Task<long> ScalarAsync(string region, string sql, string? customer)
    {
        await using var connection = await databases.Regions.For(region).OpenConnectionAsync(Cancellation);
        return await connection.ExecuteScalarAsync<long>(sql, new { customer });
    }
}
