using CemOnPrem.Testing;

namespace CemOnPrem.Cases.Tests.Rules;

/// <summary>
/// Exactly one case per firing: when the same events are sent again, when cycles are re-run from an earlier watermark
/// (a rebuild re-derives everyone), and with two projectors working the same region in interleaved cycles.
/// </summary>
public sealed class ExactlyOnceTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private static readonly DateTimeOffset Now = RulesBed.Now;
    private readonly RulesBed _bed = new(databases);

    [Fact]
    public async Task Events_sent_again_and_cycles_re_run_from_the_start_leave_one_case_per_firing()
    {
        const string region = MigratedDatabases.EuCentral;
        await _bed.InitializeAsync();
        var detractor = RulesBed.Feedback("once-detractor@example.test", "branch-visit-completed", "nps", 2, Now.AddHours(-2), "rt-branch-1");
        var complaint = RulesBed.Touchpoint("once-complaint@example.test", "complaint-received", Now.AddHours(-2), "rt-branch-1");
        var customers = await _bed.WriteAsync(region, detractor, complaint);
        await _bed.CatchUpAsync(_bed.Projector(), region);

        await _bed.WriteAsync(region, detractor, complaint); // the same events again (same source and ids)
        await _bed.CatchUpAsync(_bed.Projector(), region);
        await _bed.ExecuteAsync(region, "update analytics_checkpoint set watermark = 0"); // every customer derived again
        await _bed.CatchUpAsync(_bed.Projector(), region);
        await _bed.ExecuteAsync(region, "update analytics_checkpoint set watermark = 0");
        await _bed.CatchUpAsync(_bed.Projector(Now.AddHours(1)), region);

        Assert.Single(await _bed.CasesOfAsync(region, customers[0]));
        Assert.Single(await _bed.CasesOfAsync(region, customers[1]));
        Assert.Equal(2, await _bed.ScalarAsync<long>(region, "select count(*) from case_history where action = 'opened'"));
    }

    [Fact]
    public async Task Two_projectors_running_interleaved_cycles_on_one_region_open_one_case_per_firing()
    {
        const string region = MigratedDatabases.CnEast;
        await _bed.InitializeAsync();
        var first = _bed.Projector();
        var second = _bed.Projector();
        var emails = Enumerable.Range(0, 40).Select(i => $"twice-{i}@example.test").ToList();
        for (var batch = 0; batch < 4; batch++)
        {
            await _bed.WriteAsync(region, [.. emails.Select(e => RulesBed.Feedback(e, "branch-visit-completed", "nps", batch, Now.AddHours(-10 + batch), "rt-branch-1"))]);
            // Both nodes at once: the checkpoint row lets one work, the other skips or runs the next cycle.
            await Task.WhenAll(_bed.CatchUpAsync(first, region), _bed.CatchUpAsync(second, region));
            await _bed.ExecuteAsync(region, "update analytics_checkpoint set watermark = 0");
            await Task.WhenAll(Task.Run(() => _bed.CatchUpAsync(second, region), RulesBed.Cancellation), Task.Run(() => _bed.CatchUpAsync(first, region), RulesBed.Cancellation));
        }

        // 40 customers × 4 detractor answers: 160 firings, 160 cases, none twice.
        Assert.Equal(160, await _bed.ScalarAsync<long>(region, "select count(*) from cases where rule_id = 'branch-detractor'"));
        Assert.Equal(160, await _bed.ScalarAsync<long>(region, "select count(distinct origin_key) from cases where rule_id = 'branch-detractor'"));
    }
}
