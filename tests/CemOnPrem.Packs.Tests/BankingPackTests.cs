using CemOnPrem.Sdk.Engine.Journeys;
using CemOnPrem.Sdk.Metrics;
using CemOnPrem.Sdk.Testing;
using static CemOnPrem.Sdk.Testing.PackEvents;

namespace CemOnPrem.Packs.Tests;

public sealed class BankingPackTests
{
    private static readonly LoadedPack Pack = LoadedPack.From("CemOnPrem.Packs.Banking");
    private readonly PackSimulator _simulator = new(Pack.Content, Pack.Code);

    private static Dictionary<string, double> Nps(double value) => new() { ["nps"] = value };

    [Fact]
    public void Account_opening_completes_through_verification()
    {
        var result = _simulator.Run(
        [
            Touchpoint("c1", "account-application-started", Days.At(0)),
            Touchpoint("c1", "account-application-submitted", Days.AtHours(0.5)),
            Touchpoint("c1", "kyc-check-started", Days.At(1)),
            Touchpoint("c1", "kyc-check-passed", Days.At(2)),
            Touchpoint("c1", "account-opened", Days.At(2.1)),
        ], Days.At(10));

        var journey = Assert.Single(result.Journeys, j => j.Instance.TemplateId == "account-opening").Instance;
        Assert.Equal(JourneyStatus.Completed, journey.Status);
        Assert.Equal(["application", "verification", "activation"], journey.Stages.Select(s => s.StageId));
        Assert.Equal(TimeSpan.FromDays(1.1), journey.Stages[1].Duration); // kyc-check-passed keeps the customer in verification until account-opened
    }

    [Fact]
    public void Customer_stuck_in_verification_is_abandoned_after_30_days_not_kept_forever()
    {
        var result = _simulator.Run(
        [
            Touchpoint("c1", "account-application-started", Days.At(0)),
            Touchpoint("c1", "kyc-documents-requested", Days.At(1)),
        ], Days.At(45));

        var journey = result.Journeys.Single().Instance;
        Assert.Equal(JourneyStatus.Abandoned, journey.Status);
        Assert.Equal(Days.At(31), journey.EndedAt);
    }

    [Fact]
    public void Loan_events_arriving_out_of_order_give_the_same_journey()
    {
        PackEvent[] inOrder =
        [
            Touchpoint("c1", "loan-application-submitted", Days.At(0)),
            Touchpoint("c1", "credit-assessment-started", Days.At(1)),
            Touchpoint("c1", "loan-approved", Days.At(4)),
            Touchpoint("c1", "loan-disbursed", Days.At(6)),
        ];

        var ordered = _simulator.Run(inOrder, Days.At(10)).Journeys.Single().Instance;
        var shuffled = _simulator.Run([inOrder[3], inOrder[1], inOrder[0], inOrder[2]], Days.At(10)).Journeys.Single().Instance;

        Assert.Equal(JourneyStatus.Completed, shuffled.Status);
        Assert.Equal(ordered.Stages, shuffled.Stages);
        Assert.Equal(["application", "assessment", "decision", "disbursement"], shuffled.Stages.Select(s => s.StageId));
    }

    [Fact]
    public void Loan_stuck_in_assessment_beyond_its_sla_opens_a_credit_team_case()
    {
        var result = _simulator.Run(
        [
            Touchpoint("c1", "loan-application-submitted", Days.At(0)),
            Touchpoint("c1", "credit-assessment-started", Days.At(1)),
        ], Days.At(9));

        var alert = Assert.Single(result.Alerts, a => a.RuleId == "loan-assessment-stalled");
        Assert.Equal("credit-team", alert.RouteToLevel);
        Assert.Equal("c1", alert.CustomerKey);
    }

    [Fact]
    public void Declined_loan_ends_the_journey_as_abandoned_and_counts_in_the_approval_rate()
    {
        var result = _simulator.Run(
        [
            Touchpoint("c1", "loan-application-submitted", Days.At(0)),
            Touchpoint("c1", "loan-declined", Days.At(2)),
            Touchpoint("c2", "loan-application-submitted", Days.At(0)),
            Touchpoint("c2", "loan-approved", Days.At(3)),
            Touchpoint("c3", "loan-application-submitted", Days.At(0)),
            Touchpoint("c3", "loan-approved", Days.At(1)),
        ], Days.At(5));

        Assert.Equal(JourneyStatus.Abandoned, result.Journeys.Single(j => j.CustomerKey == "c1").Instance.Status);
        Assert.Equal(200.0 / 3, result.Metrics["loan-approval-rate"].Value!.Value, 6);
        Assert.Equal(3, result.Metrics["loan-approval-rate"].N);
        Assert.Equal(24, result.Metrics["loan-decision-time-p50"].Value); // decisions after 72 h and 24 h: nearest-rank median 24 h
    }

    [Fact]
    public void Detractor_after_a_branch_visit_opens_a_case_for_the_branch_and_a_promoter_does_not()
    {
        var result = _simulator.Run(
        [
            Feedback("c1", "branch-visit-completed", Days.At(0), Nps(4), orgUnit: "sh-branch-01"),
            Feedback("c2", "branch-visit-completed", Days.At(0), Nps(10), orgUnit: "sh-branch-01"),
            Feedback("c3", "app-login", Days.At(0), Nps(2)),
        ], Days.At(1));

        var alert = Assert.Single(result.Alerts, a => a.RuleId == "branch-detractor");
        Assert.Equal(("c1", "branch", "detractor-follow-up", "sh-branch-01"), (alert.CustomerKey, alert.RouteToLevel, alert.CaseType, alert.OrgUnit));
    }

    [Fact]
    public void Complaint_opens_a_case_carrying_the_regulatory_response_clock()
    {
        var result = _simulator.Run([Touchpoint("c1", "card-dispute-raised", Days.At(0))], Days.At(1));

        var alert = Assert.Single(result.Alerts, a => a.RuleId == "complaint-response-clock");
        Assert.Equal("complaints-team", alert.RouteToLevel);
        var rule = Pack.Content.Rules.Single(r => r.Id == alert.RuleId);
        Assert.Equal(15, rule.RegulatoryClock!.Deadline.Amount);
    }

    [Fact]
    public void Transactional_nps_and_branch_wait_time_match_hand_computed_values()
    {
        // Scores 10, 9, 9, 8, 7, 6, 3, 10, 0, 5: 4 promoters, 4 detractors of 10 → NPS 0.
        double[] scores = [10, 9, 9, 8, 7, 6, 3, 10, 0, 5];
        var feedback = scores.Select((s, i) => Feedback($"c{i}", "branch-visit-completed", Days.At(i), Nps(s)));
        // Waits of 5, 10, ..., 50 minutes: the 90th percentile (nearest rank) is 45 minutes.
        var waits = Enumerable.Range(1, 10).SelectMany(i => new[]
        {
            Touchpoint($"w{i}", "branch-queue-ticket", Days.At(i)),
            Touchpoint($"w{i}", "branch-service-started", Days.At(i).AddMinutes(5 * i)),
        });

        var result = _simulator.Run(feedback.Concat(waits), Days.At(20));

        Assert.Equal(0, result.Metrics["transactional-nps"].Value!.Value, 9);
        Assert.Equal(10, result.Metrics["transactional-nps"].N);
        Assert.Equal(0.75, result.Metrics["branch-wait-time-p90"].Value!.Value, 9);
        Assert.Null(result.Metrics["relationship-nps"].Value);
    }

    [Fact]
    public void First_contact_resolution_counts_a_repeat_on_the_same_topic_within_7_days()
    {
        static PackEvent Contact(string customer, string topic, double day) =>
            Touchpoint(customer, "service-contact-closed", Days.At(day), attributes: new Dictionary<string, string> { ["topic"] = topic });

        var result = _simulator.Run(
        [
            Contact("c1", "card-blocked", 0),
            Contact("c1", "card-blocked", 3),   // repeat
            Contact("c1", "card-blocked", 20),  // outside the window: resolved first time
            Contact("c2", "address-change", 0),
            Contact("c2", "card-blocked", 1),   // other topic
        ], Days.At(30));

        Assert.Equal(80, result.Metrics["first-contact-resolution"].Value);
        Assert.Equal(5, result.Metrics["first-contact-resolution"].N);
    }

    [Fact]
    public void First_contact_resolution_does_not_count_a_survey_answer_that_carries_the_contact_touchpoint_as_a_contact()
    {
        // The check the other packs' calculators made and this one forgot: a feedback event carries the code of the
        // touchpoint that sent the survey, but it is an answer about the contact, not another contact.
        var topic = new Dictionary<string, string> { ["topic"] = "card-blocked" };
        var result = _simulator.Run(
        [
            Touchpoint("c1", "service-contact-closed", Days.At(0), attributes: topic),
            Feedback("c1", "service-contact-closed", Days.At(1), Nps(3), attributes: topic),
            Touchpoint("c2", "service-contact-closed", Days.At(0), attributes: topic),
        ], Days.At(30));

        Assert.Equal(100, result.Metrics["first-contact-resolution"].Value);
        Assert.Equal(2, result.Metrics["first-contact-resolution"].N);
    }
}
