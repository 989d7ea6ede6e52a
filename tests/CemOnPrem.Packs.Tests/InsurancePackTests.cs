using CemOnPrem.Sdk.Engine.Journeys;
using CemOnPrem.Sdk.Engine.Surveys;
using CemOnPrem.Sdk.Metrics;
using CemOnPrem.Sdk.Testing;
using static CemOnPrem.Sdk.Testing.PackEvents;

namespace CemOnPrem.Packs.Tests;

public sealed class InsurancePackTests
{
    private static readonly LoadedPack Pack = LoadedPack.From("CemOnPrem.Packs.Insurance");
    private static readonly IMetricCalculator PromiseCalculator = Pack.Code!.MetricCalculators.Single(c => c.MetricId == "claims-paid-within-promise");
    private readonly PackSimulator _simulator = new(Pack.Content, Pack.Code);

    private static Dictionary<string, double> Nps(double value) => new() { ["nps"] = value };

    private static Dictionary<string, string> Attributes(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value);

    private static PackEvent Agreed(string customer, double day, params (string Key, string Value)[] attributes) =>
        Touchpoint(customer, "settlement-agreed", Days.At(day), attributes: Attributes(attributes));

    private static PackEvent Paid(string customer, double day, params (string Key, string Value)[] attributes) =>
        Touchpoint(customer, "claim-paid", Days.At(day), attributes: Attributes(attributes));

    /// <summary>The calculator's contribution for <paramref name="current"/> given earlier events (any order).</summary>
    private static MetricContribution? Promise(PackEvent current, params PackEvent[] earlier) =>
        PromiseCalculator.Contribute(new MetricContext(current, [.. earlier.OrderByDescending(e => e.OccurredAt)]));

    [Fact]
    public void Quote_to_bind_completes_through_underwriting_and_a_simple_product_skips_it()
    {
        var result = _simulator.Run(
        [
            Touchpoint("c1", "quote-requested", Days.At(0)),
            Touchpoint("c1", "quote-issued", Days.AtHours(2)),
            Touchpoint("c1", "application-submitted", Days.At(1)),
            Touchpoint("c1", "underwriting-referred", Days.At(1.5)),
            Touchpoint("c1", "underwriting-info-requested", Days.At(2)),
            Touchpoint("c1", "underwriting-approved", Days.At(4)),
            Touchpoint("c1", "premium-payment-requested", Days.At(4)),
            Touchpoint("c1", "policy-bound", Days.At(5)),
            // Travel insurance bought online: straight through, no underwriting.
            Touchpoint("c2", "quote-requested", Days.At(0)),
            Touchpoint("c2", "application-submitted", Days.AtHours(0.2)),
            Touchpoint("c2", "policy-bound", Days.AtHours(0.3)),
        ], Days.At(10));

        var full = result.Journeys.Single(j => j.CustomerKey == "c1" && j.Instance.TemplateId == "quote-to-bind").Instance;
        Assert.Equal(JourneyStatus.Completed, full.Status);
        Assert.Equal(["quote", "application", "underwriting", "acceptance", "bound"], full.Stages.Select(s => s.StageId));
        Assert.Equal(TimeSpan.FromDays(2.5), full.Stages[2].Duration); // referred at 1.5, approved at 4
        var simple = result.Journeys.Single(j => j.CustomerKey == "c2" && j.Instance.TemplateId == "quote-to-bind").Instance;
        Assert.Equal(["quote", "application", "bound"], simple.Stages.Select(s => s.StageId));
        Assert.Equal(JourneyStatus.Completed, simple.Status);
    }

    [Fact]
    public void Unanswered_quote_is_abandoned_30_days_after_the_request_and_a_declined_risk_at_once()
    {
        var result = _simulator.Run(
        [
            Touchpoint("c1", "quote-requested", Days.At(0)),
            Touchpoint("c1", "quote-issued", Days.At(1)), // same stage: the stage clock keeps running from the request
            Touchpoint("c2", "quote-requested", Days.At(0)),
            Touchpoint("c2", "application-submitted", Days.At(1)),
            Touchpoint("c2", "underwriting-referred", Days.At(2)),
            Touchpoint("c2", "underwriting-declined", Days.At(6)),
        ], Days.At(60));

        var silent = result.Journeys.Single(j => j.CustomerKey == "c1").Instance;
        Assert.Equal(JourneyStatus.Abandoned, silent.Status);
        Assert.Equal(Days.At(30), silent.EndedAt);
        var declined = result.Journeys.Single(j => j.CustomerKey == "c2").Instance;
        Assert.Equal(JourneyStatus.Abandoned, declined.Status);
        Assert.Equal(Days.At(6), declined.EndedAt);
        Assert.Equal("underwriting", declined.Current.StageId);
    }

    [Fact]
    public void Onboarding_completes_when_the_cooling_off_period_ends_and_a_cancellation_in_it_abandons()
    {
        var result = _simulator.Run(
        [
            Touchpoint("c1", "policy-issued", Days.At(0)),
            Touchpoint("c1", "policy-documents-delivered", Days.At(2)),
            Touchpoint("c1", "welcome-call-completed", Days.At(5)),
            Touchpoint("c1", "customer-portal-registered", Days.At(6)),
            Touchpoint("c1", "cooling-off-ended", Days.At(17)),
            Touchpoint("c2", "policy-issued", Days.At(0)),
            Touchpoint("c2", "welcome-call-completed", Days.At(3)),
            Touchpoint("c2", "policy-cancelled-in-cooling-off", Days.At(9)),
        ], Days.At(20));

        var kept = result.Journeys.Single(j => j.CustomerKey == "c1").Instance;
        Assert.Equal(JourneyStatus.Completed, kept.Status);
        Assert.Equal(["welcome", "activation", "settled-in"], kept.Stages.Select(s => s.StageId));
        Assert.Equal(JourneyStatus.Abandoned, result.Journeys.Single(j => j.CustomerKey == "c2").Instance.Status);
        Assert.DoesNotContain(result.Alerts, a => a.RuleId == "welcome-call-overdue");
    }

    [Fact]
    public void Welcome_call_not_made_within_10_business_days_opens_a_service_centre_case()
    {
        PackEvent[] issued = [Touchpoint("c1", "policy-issued", Days.At(0)), Touchpoint("c1", "policy-documents-delivered", Days.At(2))];

        // 10 business days ≈ 14 calendar days (7/5 per business day): overdue on day 14, not on day 13.
        var overdue = Assert.Single(_simulator.Run(issued, Days.At(14)).Alerts, a => a.RuleId == "welcome-call-overdue");
        Assert.Equal(("service-centre", "c1"), (overdue.RouteToLevel, overdue.CustomerKey));
        Assert.DoesNotContain(_simulator.Run(issued, Days.At(13)).Alerts, a => a.RuleId == "welcome-call-overdue");
    }

    [Fact]
    public void Claim_goes_from_notice_of_loss_through_assessment_and_settlement_to_payment()
    {
        var result = _simulator.Run(
        [
            Touchpoint("c1", "claim-reported", Days.At(0)),
            Touchpoint("c1", "claim-registered", Days.AtHours(1)),
            Touchpoint("c1", "adjuster-assigned", Days.AtHours(6)),
            Touchpoint("c1", "loss-inspected", Days.At(2)),
            Touchpoint("c1", "settlement-offered", Days.At(6)),
            Touchpoint("c1", "settlement-agreed", Days.At(7)),
            Touchpoint("c1", "payment-initiated", Days.At(8)),
            Touchpoint("c1", "claim-paid", Days.At(9)),
        ], Days.At(30));

        var claim = result.Journeys.Single(j => j.Instance.TemplateId == "claim").Instance;
        Assert.Equal(JourneyStatus.Completed, claim.Status);
        Assert.Equal(["fnol", "assessment", "settlement", "payment"], claim.Stages.Select(s => s.StageId));
        Assert.Equal(TimeSpan.FromHours(6), claim.Stages[0].Duration);
        Assert.Equal(216, result.Metrics["claims-cycle-time-p50"].Value); // 9 days notice to payment
        Assert.Empty(result.Alerts);
    }

    [Fact]
    public void Claim_events_arriving_out_of_order_give_the_same_journey()
    {
        PackEvent[] inOrder =
        [
            Touchpoint("c1", "claim-reported", Days.At(0)),
            Touchpoint("c1", "adjuster-assigned", Days.At(1)),
            Touchpoint("c1", "claim-documents-requested", Days.At(2)),
            Touchpoint("c1", "settlement-agreed", Days.At(8)),
            Touchpoint("c1", "claim-paid", Days.At(10)),
        ];

        var ordered = _simulator.Run(inOrder, Days.At(20)).Journeys.Single().Instance;
        var shuffled = _simulator.Run([inOrder[4], inOrder[2], inOrder[0], inOrder[3], inOrder[1]], Days.At(20)).Journeys.Single().Instance;

        Assert.Equal(JourneyStatus.Completed, shuffled.Status);
        Assert.Equal(ordered.Stages, shuffled.Stages);
        Assert.Equal(["fnol", "assessment", "settlement", "payment"], shuffled.Stages.Select(s => s.StageId));
    }

    [Fact]
    public void Two_claims_of_one_customer_run_side_by_side()
    {
        // A storm: the home claim (day 0) and the motor claim (day 1) are both open at once.
        var result = _simulator.Run(
        [
            Touchpoint("c1", "claim-reported", Days.At(0)),
            Touchpoint("c1", "adjuster-assigned", Days.At(0.5)),
            Touchpoint("c1", "claim-reported", Days.At(1)),
            Touchpoint("c1", "settlement-agreed", Days.At(5)),
            Touchpoint("c1", "claim-paid", Days.At(6)),
            Touchpoint("c1", "adjuster-assigned", Days.At(7)),
            Touchpoint("c1", "claim-paid", Days.At(20)),
        ], Days.At(30));

        var claims = result.Journeys.Where(j => j.Instance.TemplateId == "claim").Select(j => j.Instance).ToList();
        Assert.Equal(2, claims.Count);
        Assert.All(claims, c => Assert.Equal(JourneyStatus.Completed, c.Status));
        Assert.Equal([Days.At(6), Days.At(20)], claims.Select(c => c.EndedAt));
        // Pins the engine as it is: the cycle-time clock pairs per customer, not per claim, so the second
        // claim's 19 days are not measured (see the pack report: claims need a claim-id correlation).
        Assert.Equal(1, result.Metrics["claims-cycle-time-p50"].N);
    }

    [Fact]
    public void Denied_or_withdrawn_claim_ends_as_abandoned_and_a_forgotten_one_after_120_days_in_assessment()
    {
        var result = _simulator.Run(
        [
            Touchpoint("c1", "claim-reported", Days.At(0)),
            Touchpoint("c1", "loss-inspected", Days.At(3)),
            Touchpoint("c1", "claim-denied", Days.At(10)),
            Touchpoint("c2", "claim-reported", Days.At(0)),
            Touchpoint("c2", "claim-withdrawn", Days.At(1)),
            Touchpoint("c3", "claim-reported", Days.At(0)),
            Touchpoint("c3", "claim-documents-requested", Days.At(2)),
        ], Days.At(200));

        Assert.All(result.Journeys, j => Assert.Equal(JourneyStatus.Abandoned, j.Instance.Status));
        Assert.Equal(Days.At(122), result.Journeys.Single(j => j.CustomerKey == "c3").Instance.EndedAt);
    }

    [Fact]
    public void Claim_stalled_in_assessment_beyond_10_business_days_opens_a_claims_team_case()
    {
        PackEvent[] claim =
        [
            Touchpoint("c1", "claim-reported", Days.At(0)),
            Touchpoint("c1", "adjuster-assigned", Days.At(1)),
            Touchpoint("c1", "claim-documents-requested", Days.At(3)),
        ];

        // In assessment since day 1; 10 business days ≈ 14 calendar days: stalled from day 15.
        var alert = Assert.Single(_simulator.Run(claim, Days.At(15)).Alerts, a => a.RuleId == "claim-assessment-stalled");
        Assert.Equal(("claims-team", "stalled-claim", "c1"), (alert.RouteToLevel, alert.CaseType, alert.CustomerKey));
        Assert.DoesNotContain(_simulator.Run(claim, Days.At(14.5)).Alerts, a => a.RuleId == "claim-assessment-stalled");
        // A claim that moved on to settlement is not stalled in assessment, however long it has been open.
        Assert.DoesNotContain(
            _simulator.Run([.. claim, Touchpoint("c1", "settlement-offered", Days.At(10))], Days.At(40)).Alerts,
            a => a.RuleId == "claim-assessment-stalled");
    }

    [Fact]
    public void Settlement_detractor_opens_a_claims_team_case_and_a_passive_does_not()
    {
        var result = _simulator.Run(
        [
            Feedback("c1", "claim-paid", Days.At(1), Nps(5), orgUnit: "claims-east"),
            Feedback("c2", "claim-denied", Days.At(1), Nps(0), orgUnit: "claims-east"),
            Feedback("c3", "claim-paid", Days.At(1), Nps(7), orgUnit: "claims-east"),
            Feedback("c4", "claim-reported", Days.At(1), Nps(2)),      // not a settlement survey
            Touchpoint("c5", "claim-paid", Days.At(1)),                // a payment, no feedback
        ], Days.At(2));

        var alerts = result.Alerts.Where(a => a.RuleId == "settlement-detractor").ToList();
        Assert.Equal(["c1", "c2"], alerts.Select(a => a.CustomerKey));
        Assert.All(alerts, a => Assert.Equal(("claims-team", "detractor-follow-up", "claims-east"), (a.RouteToLevel, a.CaseType, a.OrgUnit)));
    }

    [Fact]
    public void Claims_metrics_match_hand_computed_values()
    {
        // Notice to payment after 2, 5, 9, 14 and 30 days = 48, 120, 216, 336, 720 h.
        // Nearest rank: median = ⌈0.5 × 5⌉ = 3rd = 216 h; 90th = ⌈0.9 × 5⌉ = 5th = 720 h.
        double[] days = [2, 5, 9, 14, 30];
        var cycles = days.SelectMany((d, i) => new[]
        {
            Touchpoint($"k{i}", "claim-reported", Days.At(0)),
            Feedback($"k{i}", "claim-reported", Days.At(0.1), new Dictionary<string, double> { ["ces"] = 7 - (2 * (i % 3)) }),
            Touchpoint($"k{i}", "claim-paid", Days.At(d)),
        });
        // Settlement NPS over paid and denied claims: 10, 9, 9, 7, 8, 4 (paid) and 2 (denied):
        // promoters 3, detractors 2, n 7 → (3 − 2) / 7 × 100 = 14.29. Survey answers after payment do not stop any clock.
        double[] paid = [10, 9, 9, 7, 8, 4];
        var settlement = paid.Select((s, i) => Feedback($"k{i % 5}", "claim-paid", Days.At(31 + i), Nps(s)))
            .Append(Feedback("d1", "claim-denied", Days.At(31), Nps(2)));

        var result = _simulator.Run([.. cycles, .. settlement], Days.At(60));

        Assert.Equal(216, result.Metrics["claims-cycle-time-p50"].Value);
        Assert.Equal(720, result.Metrics["claims-cycle-time-p90"].Value);
        Assert.Equal(5, result.Metrics["claims-cycle-time-p90"].N);
        Assert.Equal(100.0 / 7, result.Metrics["settlement-nps"].Value!.Value, 9);
        Assert.Equal(7, result.Metrics["settlement-nps"].N);
        // Reporting effort 7, 5, 3, 7, 5: mean 27 / 5 = 5.4.
        Assert.Equal(5.4, result.Metrics["fnol-ces"].Value!.Value, 9);
    }

    [Fact]
    public void Renewal_rate_and_quote_conversion_count_concluded_outcomes_only()
    {
        var result = _simulator.Run(
        [
            // Renewals: 3 renewed, 1 declined, 1 lapsed → 3 / 5 = 60 %; r6 is still deciding and not counted.
            Touchpoint("r1", "policy-renewed", Days.At(20)),
            Touchpoint("r2", "policy-renewed", Days.At(20)),
            Touchpoint("r3", "policy-renewed", Days.At(20)),
            Touchpoint("r4", "renewal-declined", Days.At(10)),
            Touchpoint("r5", "policy-lapsed", Days.At(45)),
            Touchpoint("r6", "renewal-invitation-sent", Days.At(0)),
            Feedback("r1", "policy-renewed", Days.At(21), Nps(9)), // a survey answer is not a renewal
            // Quotes: 2 bound, 1 expired, 1 declined by underwriting → 2 / 4 = 50 %.
            Touchpoint("q1", "policy-bound", Days.At(3)),
            Touchpoint("q2", "policy-bound", Days.At(4)),
            Touchpoint("q3", "quote-expired", Days.At(30)),
            Touchpoint("q4", "underwriting-declined", Days.At(6)),
        ], Days.At(60));

        Assert.Equal(60, result.Metrics["renewal-rate"].Value!.Value, 9);
        Assert.Equal(5, result.Metrics["renewal-rate"].N);
        Assert.Equal(50, result.Metrics["quote-conversion-rate"].Value!.Value, 9);
    }

    [Fact]
    public void Renewal_journey_completes_on_renewal_and_lapses_without_an_answer()
    {
        var result = _simulator.Run(
        [
            Touchpoint("c1", "renewal-invitation-sent", Days.At(0)),
            Touchpoint("c1", "renewal-quote-viewed", Days.At(10)),
            Touchpoint("c1", "policy-renewed", Days.At(12)),
            Touchpoint("c2", "renewal-invitation-sent", Days.At(0)),
            Touchpoint("c2", "renewal-reminder-sent", Days.At(30)),
        ], Days.At(100));

        Assert.Equal(["invitation", "review", "renewed"], result.Journeys.Single(j => j.CustomerKey == "c1").Instance.Stages.Select(s => s.StageId));
        var silent = result.Journeys.Single(j => j.CustomerKey == "c2").Instance;
        Assert.Equal((JourneyStatus.Abandoned, Days.At(75)), (silent.Status, silent.EndedAt));
    }

    [Fact]
    public void Claims_paid_within_promise_uses_the_promised_days_or_the_statutory_10()
    {
        // Default promise 10 days: exactly 10 days is on time, 10.5 is late.
        Assert.Equal(new MetricContribution(100, 1), Promise(Paid("c1", 10), Agreed("c1", 0)));
        Assert.Equal(new MetricContribution(0, 1), Promise(Paid("c1", 10.5), Agreed("c1", 0)));
        // A 3-day service promise on the settlement: 4 days is late; a malformed promise falls back to 10.
        Assert.Equal(new MetricContribution(0, 1), Promise(Paid("c1", 4), Agreed("c1", 0, ("promised-days", "3"))));
        Assert.Equal(new MetricContribution(100, 1), Promise(Paid("c1", 4), Agreed("c1", 0, ("promised-days", "three"))));
        Assert.Equal(new MetricContribution(100, 1), Promise(Paid("c1", 4), Agreed("c1", 0, ("promised-days", "0"))));
    }

    [Fact]
    public void Claims_paid_within_promise_skips_payments_it_cannot_time_and_instalments()
    {
        // No settlement agreement in the history (ex-gratia payment): not counted.
        Assert.Null(Promise(Paid("c1", 5), Touchpoint("c1", "claim-reported", Days.At(0))));
        // A survey answer on the payment touchpoint is not a payment; other events do not count either.
        Assert.Null(Promise(Feedback("c1", "claim-paid", Days.At(2), Nps(9)), Agreed("c1", 0)));
        Assert.Null(Promise(Agreed("c1", 0)));
        // The second instalment of the same agreement does not count again.
        Assert.Null(Promise(Paid("c1", 5), Agreed("c1", 0), Paid("c1", 2)));
        // A survey answer between agreement and payment does not hide the agreement.
        Assert.Equal(new MetricContribution(100, 1), Promise(Paid("c1", 5), Agreed("c1", 0), Feedback("c1", "claim-paid", Days.At(1), Nps(9))));
    }

    [Fact]
    public void Claims_paid_within_promise_matches_concurrent_claims_by_claim_id()
    {
        PackEvent[] history =
        [
            Agreed("c1", 0, ("claim-id", "A"), ("promised-days", "3")),
            Agreed("c1", 1, ("claim-id", "B")),
        ];

        // Claim A paid on day 3.5: late against A's 3-day promise (it would be on time against B's agreement).
        Assert.Equal(new MetricContribution(0, 1), Promise(Paid("c1", 3.5, ("claim-id", "A")), history));
        // Claim B paid on day 5, after A's payment: 4 days of its default 10.
        Assert.Equal(new MetricContribution(100, 1), Promise(Paid("c1", 5, ("claim-id", "B")), [.. history, Paid("c1", 3.5, ("claim-id", "A"))]));
        // A payment for a claim with no agreement on record is not counted.
        Assert.Null(Promise(Paid("c1", 5, ("claim-id", "C")), history));
    }

    [Fact]
    public void Promise_rate_below_90_percent_over_20_payments_opens_a_performance_review()
    {
        // 20 claims agreed on day 0; the first `late` of them paid on day 12 (late), the rest on day 5.
        IEnumerable<PackEvent> Claims(int count, int late) => Enumerable.Range(0, count).SelectMany(i => new[]
        {
            Agreed($"c{i}", 0),
            Paid($"c{i}", i < late ? 12 : 5),
        });

        // 3 late of 20 → 85 % < 90 %: fires.
        var low = _simulator.Run(Claims(20, 3), Days.At(20));
        Assert.Equal(85, low.Metrics["claims-paid-within-promise"].Value);
        Assert.Equal("claims-team", Assert.Single(low.Alerts, a => a.RuleId == "claims-promise-rate-drop").RouteToLevel);
        // 2 late of 20 → exactly 90 %: not below. 19 payments, all late → below the minimum sample of 20.
        Assert.DoesNotContain(_simulator.Run(Claims(20, 2), Days.At(20)).Alerts, a => a.RuleId == "claims-promise-rate-drop");
        Assert.DoesNotContain(_simulator.Run(Claims(19, 19), Days.At(20)).Alerts, a => a.RuleId == "claims-promise-rate-drop");
    }

    [Fact]
    public void Settlement_survey_asks_detractors_why_and_motor_claimants_about_the_repair()
    {
        var survey = Pack.Content.Surveys.Single(s => s.Id == "post-settlement");
        static Dictionary<string, IReadOnlyList<string>> Answers(string nps, string fair) => new() { ["nps"] = [nps], ["settlement-fair"] = [fair] };
        var motor = new Dictionary<string, string> { ["line-of-business"] = "motor" };

        var detractor = SurveyBranching.VisibleQuestions(survey, Answers("5", "partly"), motor).Select(q => q.Id);
        var unfairPromoter = SurveyBranching.VisibleQuestions(survey, Answers("9", "unfair"), new Dictionary<string, string>()).Select(q => q.Id);
        var happy = SurveyBranching.VisibleQuestions(survey, Answers("9", "fair"), new Dictionary<string, string>()).Select(q => q.Id);

        Assert.Equal(["nps", "csat", "settlement-fair", "what-went-wrong", "repair-csat", "callback", "comment"], detractor);
        Assert.Equal(["nps", "csat", "settlement-fair", "what-went-wrong", "comment"], unfairPromoter);
        Assert.Equal(["nps", "csat", "settlement-fair", "comment"], happy);
    }
}
