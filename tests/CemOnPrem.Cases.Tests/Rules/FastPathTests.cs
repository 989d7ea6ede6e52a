using CemOnPrem.Testing;

namespace CemOnPrem.Cases.Tests.Rules;

/// <summary>
/// The event-rule fast path opens cases right after their events commit; the projection's observer stays the
/// backstop, and between the two every firing is still one case.
/// </summary>
public sealed class FastPathTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private const string Region = MigratedDatabases.EuCentral;
    private static readonly DateTimeOffset Now = RulesBed.Now;
    private readonly RulesBed _bed = new(databases);

    [Fact]
    public async Task A_detractor_and_a_complaint_get_their_cases_before_any_projection_cycle_and_the_cycle_adds_none()
    {
        await _bed.InitializeAsync();
        var fastPath = _bed.FastPath();
        Assert.Equal(0, await fastPath.RunOnceAsync(Region, RulesBed.Cancellation)); // takes its position in the log

        var customers = await _bed.WriteAsync(Region,
            RulesBed.Feedback("fast-detractor@example.test", "branch-visit-completed", "nps", 3, Now.AddMinutes(-5), "rt-branch-1"),
            RulesBed.Touchpoint("fast-complaint@example.test", "complaint-received", Now.AddMinutes(-5), "rt-branch-1"));

        Assert.Equal(2, await fastPath.RunOnceAsync(Region, RulesBed.Cancellation));
        Assert.Equal("branch-detractor", Assert.Single(await _bed.CasesOfAsync(Region, customers[0])).RuleId);
        Assert.Equal("complaint-response-clock", Assert.Single(await _bed.CasesOfAsync(Region, customers[1])).RuleId);

        await _bed.CatchUpAsync(_bed.Projector(), Region);
        Assert.Equal(0, await fastPath.RunOnceAsync(Region, RulesBed.Cancellation));
        Assert.Single(await _bed.CasesOfAsync(Region, customers[0]));
        Assert.Single(await _bed.CasesOfAsync(Region, customers[1]));
    }

    [Fact]
    public async Task A_transaction_left_open_before_the_events_does_not_hold_their_cases_back()
    {
        await _bed.InitializeAsync();
        var fastPath = _bed.FastPath();
        await fastPath.RunOnceAsync(Region, RulesBed.Cancellation);
        // Like a projection cycle in progress: an older transaction id that is still running.
        await using var holder = await databases.Regions.For(Region).OpenConnectionAsync(RulesBed.Cancellation);
        await using var held = await holder.BeginTransactionAsync(RulesBed.Cancellation);
        await using (var command = new Npgsql.NpgsqlCommand("select pg_current_xact_id()", holder, held))
        {
            await command.ExecuteScalarAsync(RulesBed.Cancellation);
        }

        var customer = (await _bed.WriteAsync(Region, RulesBed.Feedback("fast-held@example.test", "branch-visit-completed", "nps", 1, Now.AddMinutes(-1), "rt-branch-1")))[0];

        Assert.Equal(1, await fastPath.RunOnceAsync(Region, RulesBed.Cancellation));
        Assert.Single(await _bed.CasesOfAsync(Region, customer));
        await held.CommitAsync(RulesBed.Cancellation);
    }

    [Fact]
    public async Task Events_from_before_the_fast_path_started_are_left_to_the_projection_which_opens_their_cases()
    {
        await _bed.InitializeAsync();
        var customer = (await _bed.WriteAsync(Region, RulesBed.Feedback("fast-before@example.test", "branch-visit-completed", "nps", 0, Now.AddMinutes(-9), "rt-branch-1")))[0];
        var fastPath = _bed.FastPath();

        await fastPath.RunOnceAsync(Region, RulesBed.Cancellation);
        Assert.Equal(0, await fastPath.RunOnceAsync(Region, RulesBed.Cancellation));
        Assert.Empty(await _bed.CasesOfAsync(Region, customer));

        await _bed.CatchUpAsync(_bed.Projector(), Region);
        Assert.Single(await _bed.CasesOfAsync(Region, customer));
    }

    [Fact]
    public async Task A_customer_who_objected_to_analytics_gets_only_the_complaint_case_from_the_fast_path()
    {
        await _bed.InitializeAsync();
        var customer = (await _bed.WriteAsync(Region, RulesBed.Touchpoint("fast-objector@example.test", "loan-application-submitted", Now.AddDays(-2), "rt-branch-1")))[0];
        await _bed.ExecuteAsync(Region, "insert into analytics_exclusions (customer_id, region, since) values (@customer, @region, now())", new { customer, region = Region });
        var fastPath = _bed.FastPath();
        await fastPath.RunOnceAsync(Region, RulesBed.Cancellation);

        await _bed.WriteAsync(Region,
            RulesBed.Feedback("fast-objector@example.test", "branch-visit-completed", "nps", 0, Now.AddHours(-3), "rt-branch-1"),
            RulesBed.Touchpoint("fast-objector@example.test", "complaint-received", Now.AddHours(-2), "rt-branch-1"));

        Assert.Equal(1, await fastPath.RunOnceAsync(Region, RulesBed.Cancellation));
        Assert.Equal("complaint-response-clock", Assert.Single(await _bed.CasesOfAsync(Region, customer)).RuleId);
    }
}
