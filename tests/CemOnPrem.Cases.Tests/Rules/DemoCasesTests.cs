using CemOnPrem.Server.Demo;
using CemOnPrem.Testing;

namespace CemOnPrem.Cases.Tests.Rules;

/// <summary>
/// <c>./cem run</c>'s demo data, through the real projector and the metric evaluator: every case rule of the shipped
/// packs opens a case (but the insurance pack's metric rule, whose metric needs the pack's code), each at a queue of the
/// level its rule names, and some are already overdue.
/// </summary>
public sealed class DemoCasesTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private const string Region = MigratedDatabases.CnEast;
    private readonly RulesBed _bed = new(databases);

    [Fact]
    public async Task The_demo_opens_a_case_for_every_rule_of_the_packs_some_already_overdue()
    {
        await _bed.InitializeAsync(DemoOrgTree.For([Region]));
        var journeys = RulesBed.Packs.SelectMany(p => p.Journeys).ToList();
        await _bed.WriteAsync(Region, [.. DemoCaseTriggers.For(Region, journeys, RulesBed.Now)]);

        await _bed.CatchUpAsync(_bed.Projector(), Region);
        await _bed.MetricEvaluator().EvaluateAsync(Region, RulesBed.Now, RulesBed.Cancellation);

        var expected = RulesBed.Packs.SelectMany(p => p.Rules).Select(r => r.Id).Where(id => id != "claims-promise-rate-drop").Order(StringComparer.Ordinal);
        var opened = await _bed.ScalarAsync<string[]>(Region, "select array_agg(distinct rule_id order by rule_id) from cases");
        Assert.Equal(expected, opened);
        Assert.Equal(0, await _bed.ScalarAsync<long>(Region, "select count(*) from cases where route_reason is not null"));
        var overdue = await _bed.ScalarAsync<long>(Region, "select count(*) from cases where sla_due_at < @now", new { now = RulesBed.Now });
        Assert.InRange(overdue, 5, 1000);
        Assert.True(await _bed.ScalarAsync<long>(Region, "select count(*) from cases where sla_due_at > @now", new { now = RulesBed.Now }) > 5);
    }
}
