using CemOnPrem.Testing;

namespace CemOnPrem.Cases.Tests.Rules;

/// <summary>
/// What a deployment and a customer can switch off: rules named in <c>Cem:Cases:Rules:Disabled</c>, firings older than
/// <c>MaxAgeDays</c>, and, for a customer who objected to analytics-based processing, every case from a score or a
/// journey — but not a complaint, which is a legal duty.
/// </summary>
public sealed class RuleSwitchesTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private const string Region = MigratedDatabases.EuCentral;
    private static readonly DateTimeOffset Now = RulesBed.Now;
    private readonly RulesBed _bed = new(databases);

    [Fact]
    public async Task A_customer_who_objected_to_analytics_gets_a_complaint_case_but_none_from_a_score_or_a_journey()
    {
        await _bed.InitializeAsync();
        var customer = (await _bed.WriteAsync(Region, RulesBed.Touchpoint("objector@example.test", "loan-application-submitted", Now.AddDays(-12), "rt-branch-1")))[0];
        await _bed.CatchUpAsync(_bed.Projector(), Region);
        // What the consent ledger does when the analytics purpose is objected to.
        await _bed.ExecuteAsync(Region, "insert into analytics_exclusions (customer_id, region, since) values (@customer, @region, now()); " +
            "update customers set tx = pg_current_xact_id() where customer_id = @customer", new { customer, region = Region });

        await _bed.WriteAsync(Region,
            RulesBed.Touchpoint("objector@example.test", "credit-assessment-started", Now.AddDays(-9), "rt-branch-1"),
            RulesBed.Feedback("objector@example.test", "branch-visit-completed", "nps", 0, Now.AddHours(-3), "rt-branch-1"),
            RulesBed.Touchpoint("objector@example.test", "complaint-received", Now.AddHours(-2), "rt-branch-1"));
        await _bed.CatchUpAsync(_bed.Projector(), Region);

        var only = Assert.Single(await _bed.CasesOfAsync(Region, customer));
        Assert.Equal(("complaint-response-clock", "rt-complaints"), (only.RuleId, only.QueueUnit));
    }

    [Fact]
    public async Task The_same_events_from_a_customer_who_did_not_object_open_all_three_cases()
    {
        await _bed.InitializeAsync();
        var customer = (await _bed.WriteAsync(Region,
            RulesBed.Touchpoint("consenting@example.test", "loan-application-submitted", Now.AddDays(-12), "rt-branch-1"),
            RulesBed.Touchpoint("consenting@example.test", "credit-assessment-started", Now.AddDays(-9), "rt-branch-1"),
            RulesBed.Feedback("consenting@example.test", "branch-visit-completed", "nps", 0, Now.AddHours(-3), "rt-branch-1"),
            RulesBed.Touchpoint("consenting@example.test", "complaint-received", Now.AddHours(-2), "rt-branch-1")))[0];

        await _bed.CatchUpAsync(_bed.Projector(), Region);

        Assert.Equal(["branch-detractor", "complaint-response-clock", "loan-assessment-stalled"], (await _bed.CasesOfAsync(Region, customer)).Select(c => c.RuleId));
    }

    [Fact]
    public async Task A_disabled_rule_opens_nothing_while_the_packs_other_rules_still_do()
    {
        await _bed.InitializeAsync();
        _bed.Options.Disabled.Add("com.cemonprem.banking/branch-detractor");
        _bed.Options.Disabled.Add("com.example.absent/some-rule"); // a pack not installed: a warning, not a failure
        var customer = (await _bed.WriteAsync(Region,
            RulesBed.Feedback("switched@example.test", "branch-visit-completed", "nps", 1, Now.AddHours(-3), "rt-branch-1"),
            RulesBed.Touchpoint("switched@example.test", "complaint-received", Now.AddHours(-2), "rt-branch-1")))[0];

        await _bed.CatchUpAsync(_bed.Projector(), Region);

        Assert.Equal(["complaint-response-clock"], (await _bed.CasesOfAsync(Region, customer)).Select(c => c.RuleId));
    }

    [Fact]
    public async Task A_firing_older_than_the_maximum_age_opens_no_case()
    {
        await _bed.InitializeAsync();
        var customers = await _bed.WriteAsync(Region,
            RulesBed.Touchpoint("old-complaint@example.test", "complaint-received", Now.AddDays(-31), "rt-branch-1"),
            RulesBed.Touchpoint("recent-complaint@example.test", "complaint-received", Now.AddDays(-29), "rt-branch-1"));

        await _bed.CatchUpAsync(_bed.Projector(), Region);

        Assert.Empty(await _bed.CasesOfAsync(Region, customers[0]));
        Assert.Single(await _bed.CasesOfAsync(Region, customers[1]));
    }

    [Fact]
    public async Task A_journey_that_stalls_later_opens_its_case_without_a_new_event()
    {
        await _bed.InitializeAsync();
        // Assessment entered 13 days ago; the stage's SLA (10 business days ≈ 14 days) runs out tomorrow.
        var customer = (await _bed.WriteAsync(Region,
            RulesBed.Touchpoint("stalls-later@example.test", "claim-reported", Now.AddDays(-15), "rt-branch-1"),
            RulesBed.Touchpoint("stalls-later@example.test", "adjuster-assigned", Now.AddDays(-13), "rt-branch-1")))[0];
        await _bed.CatchUpAsync(_bed.Projector(), Region);
        Assert.Empty(await _bed.CasesOfAsync(Region, customer));
        var due = await _bed.ScalarAsync<DateTime>(Region, "select next_due from customer_analytics where customer_id = @customer", new { customer });
        Assert.Equal(Now.AddDays(-13).AddDays(14).UtcDateTime, due.ToUniversalTime());

        await _bed.CatchUpAsync(_bed.Projector(Now.AddDays(1).AddMinutes(1)), Region);

        Assert.Equal(["claim-assessment-stalled"], (await _bed.CasesOfAsync(Region, customer)).Select(c => c.RuleId));
    }
}
