using CemOnPrem.Testing;

namespace CemOnPrem.Cases.Tests.Rules;

/// <summary>
/// Metric rules (the banking pack's branch transactional NPS below zero over 7 days, at least 20 answers) on the rollups
/// the real projector wrote: one case per rule × org unit × window bucket, never a second while one is open, nothing
/// below the minimum sample, one case when two nodes evaluate at once.
/// </summary>
public sealed class MetricRulesTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private const string Rule = "branch-nps-drop";
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);
    private readonly RulesBed _bed = new(databases);

    [Fact]
    public async Task A_metric_that_keeps_firing_opens_one_case_while_it_is_open_and_a_new_one_only_in_a_later_window()
    {
        const string region = MigratedDatabases.EuCentral;
        await _bed.InitializeAsync();
        var bucketEnd = new DateTimeOffset((RulesBed.Now.UtcTicks / Week.Ticks + 1) * Week.Ticks, TimeSpan.Zero);
        await WriteDetractorsAsync(region, "rt-branch-1", 20, bucketEnd.AddHours(-3));
        await _bed.CatchUpAsync(_bed.Projector(), region);
        var evaluator = _bed.MetricEvaluator();

        await evaluator.EvaluateAsync(region, bucketEnd.AddMinutes(-2), RulesBed.Cancellation);
        await evaluator.EvaluateAsync(region, bucketEnd.AddMinutes(-1), RulesBed.Cancellation); // same bucket
        await evaluator.EvaluateAsync(region, bucketEnd.AddMinutes(1), RulesBed.Cancellation); // next bucket, case still open
        var open = Assert.Single(await _bed.CasesOfAsync(region, null, Rule));
        Assert.Equal(("performance-review", "rt-branch-1", (short)3), (open.CaseType, open.QueueUnit, open.Priority));

        await _bed.ExecuteAsync(region, "update cases set state = 'closed' where rule_id = @Rule", new { Rule });
        await evaluator.EvaluateAsync(region, bucketEnd.AddMinutes(2), RulesBed.Cancellation); // nothing open, a bucket without a case: a new one
        await evaluator.EvaluateAsync(region, bucketEnd.AddMinutes(3), RulesBed.Cancellation);
        Assert.Equal(["closed", "new"], (await _bed.CasesOfAsync(region, null, Rule)).Select(c => c.State).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Below_the_minimum_sample_no_case_opens_and_two_nodes_at_once_open_one()
    {
        const string region = MigratedDatabases.CnEast;
        await _bed.InitializeAsync();
        await WriteDetractorsAsync(region, "rt-store-1", 19, RulesBed.Now.AddHours(-3));
        await _bed.CatchUpAsync(_bed.Projector(), region);
        await _bed.MetricEvaluator().EvaluateAsync(region, RulesBed.Now, RulesBed.Cancellation);
        Assert.Empty(await _bed.CasesOfAsync(region, null, Rule));

        await WriteDetractorsAsync(region, "rt-store-1", 1, RulesBed.Now.AddHours(-2));
        await _bed.CatchUpAsync(_bed.Projector(), region);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => _bed.MetricEvaluator().EvaluateAsync(region, RulesBed.Now, RulesBed.Cancellation),
            RulesBed.Cancellation)));

        // Routed from the store to the nearest branch beside it.
        Assert.Equal("rt-branch-1", Assert.Single(await _bed.CasesOfAsync(region, null, Rule)).QueueUnit);
    }

    private Task<IReadOnlyList<string>> WriteDetractorsAsync(string region, string orgUnit, int count, DateTimeOffset at) =>
        _bed.WriteAsync(region, [.. Enumerable.Range(0, count).Select(i =>
            RulesBed.Feedback($"metric-{orgUnit}-{at.UtcTicks}-{i}@example.test", "branch-visit-completed", "nps", 1, at, orgUnit))]);
}
