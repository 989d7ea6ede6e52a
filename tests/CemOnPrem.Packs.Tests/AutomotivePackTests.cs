using CemOnPrem.Sdk.Engine.Journeys;
using CemOnPrem.Sdk.Engine.Surveys;
using CemOnPrem.Sdk.Metrics;
using CemOnPrem.Sdk.Testing;
using static CemOnPrem.Sdk.Testing.PackEvents;
using static CemOnPrem.Packs.Tests.Simulations;

namespace CemOnPrem.Packs.Tests;

public sealed class AutomotivePackTests
{
    private static readonly LoadedPack Pack = LoadedPack.From("CemOnPrem.Packs.Automotive");
    private static readonly IMetricCalculator Retention = Pack.Code!.MetricCalculators.Single(c => c.MetricId == "service-retention-12m");
    private readonly PackSimulator _simulator = new(Pack.Content, Pack.Code);

    private static Dictionary<string, double> Scores(params (string Key, double Value)[] scores) => scores.ToDictionary(s => s.Key, s => s.Value);

    private static PackEvent At(string customer, string touchpoint, double day, string dealer, string? vehicle = null) =>
        Touchpoint(customer, touchpoint, Days.At(day), dealer, vehicle is null ? null : new Dictionary<string, string> { ["vehicle"] = vehicle });

    private static MetricContribution? RetentionOf(PackEvent current, params PackEvent[] earlier) =>
        Retention.Contribute(new MetricContext(current, [.. earlier.OrderByDescending(e => e.OccurredAt)]));

    private static readonly PackEvent[] Purchase =
    [
        Touchpoint("c1", "online-inquiry", Days.At(0)),
        Touchpoint("c1", "lead-contacted", Days.AtHours(3)),
        Touchpoint("c1", "showroom-visit", Days.At(5)),
        Touchpoint("c1", "test-drive-booked", Days.At(6)),
        Touchpoint("c1", "test-drive-completed", Days.At(8)),
        Touchpoint("c1", "sales-quote-issued", Days.At(8.1)),
        Touchpoint("c1", "trade-in-appraised", Days.At(9)),
        Touchpoint("c1", "finance-approved", Days.At(12)),
        Touchpoint("c1", "contract-signed", Days.At(14)),
        Touchpoint("c1", "vehicle-allocated", Days.At(20)),
        Touchpoint("c1", "vehicle-arrived-at-dealer", Days.At(40)),
        Touchpoint("c1", "pre-delivery-inspection-done", Days.At(42)),
        Touchpoint("c1", "vehicle-delivered", Days.At(44)),
    ];

    [Fact]
    public void Purchase_goes_from_research_and_test_drive_to_a_factory_order_and_delivery()
    {
        var sale = Journey(_simulator.Run(Purchase, Days.At(60)), "c1", "vehicle-sales");

        Assert.Equal(JourneyStatus.Completed, sale.Status);
        Assert.Equal(["research", "test-drive", "negotiation", "order", "delivery"], sale.Stages.Select(s => s.StageId));
        Assert.Equal(TimeSpan.FromDays(30), sale.Stages[3].Duration); // signed on day 14, delivered on day 44
    }

    [Fact]
    public void Sales_events_arriving_out_of_order_give_the_same_journey()
    {
        PackEvent[] shuffled = [.. Purchase.Reverse()];

        var ordered = Journey(_simulator.Run(Purchase, Days.At(60)), "c1", "vehicle-sales");
        var replayed = Journey(_simulator.Run(shuffled, Days.At(60)), "c1", "vehicle-sales");

        Assert.Equal(JourneyStatus.Completed, replayed.Status);
        Assert.Equal(ordered.Stages, replayed.Stages);
    }

    [Fact]
    public void Leads_go_cold_after_90_days_of_research_or_60_after_a_test_drive_and_a_lost_lead_ends_at_once()
    {
        var result = _simulator.Run(
        [
            Touchpoint("c1", "showroom-visit", Days.At(0)),
            Touchpoint("c1", "brochure-requested", Days.At(20)),
            Touchpoint("c2", "configurator-saved", Days.At(0)),
            Touchpoint("c2", "test-drive-completed", Days.At(10)),
            Touchpoint("c3", "online-inquiry", Days.At(0)),
            Touchpoint("c3", "sales-quote-issued", Days.At(5)),
            Touchpoint("c3", "lead-lost", Days.At(12)), // bought a competitor's car
            Touchpoint("c4", "showroom-visit", Days.At(0)),
            Touchpoint("c4", "contract-signed", Days.At(3)),
            Touchpoint("c4", "order-cancelled", Days.At(50)),
        ], Days.At(200));

        Assert.Equal((JourneyStatus.Abandoned, Days.At(90)), (Journey(result, "c1", "vehicle-sales").Status, Journey(result, "c1", "vehicle-sales").EndedAt));
        var cold = Journey(result, "c2", "vehicle-sales");
        Assert.Equal((JourneyStatus.Abandoned, "test-drive", Days.At(70)), (cold.Status, cold.Current.StageId, cold.EndedAt));
        Assert.Equal((JourneyStatus.Abandoned, Days.At(12)), (Journey(result, "c3", "vehicle-sales").Status, Journey(result, "c3", "vehicle-sales").EndedAt));
        Assert.Equal((JourneyStatus.Abandoned, "order"), (Journey(result, "c4", "vehicle-sales").Status, Journey(result, "c4", "vehicle-sales").Current.StageId));
    }

    [Fact]
    public void Owner_services_the_car_for_four_years_then_buys_the_next_one_as_a_new_sales_journey()
    {
        var ownership = new List<PackEvent>(Purchase);
        foreach (var year in new[] { 1, 2, 3, 4 })
        {
            var day = 44 + (365 * year) - 20;
            ownership.Add(Touchpoint("c1", "service-booked", Days.At(day)));
            ownership.Add(Touchpoint("c1", "vehicle-checked-in", Days.At(day + 7)));
            ownership.Add(Touchpoint("c1", "vehicle-ready", Days.At(day + 7.25)));
            ownership.Add(Touchpoint("c1", "vehicle-collected", Days.At(day + 7.3)));
        }

        ownership.Add(Touchpoint("c1", "configurator-saved", Days.At(1500)));
        ownership.Add(Touchpoint("c1", "trade-in-appraised", Days.At(1510)));
        ownership.Add(Touchpoint("c1", "contract-signed", Days.At(1512)));
        ownership.Add(Touchpoint("c1", "vehicle-delivered", Days.At(1540)));

        var result = _simulator.Run(ownership, Days.At(1600));

        var sales = result.Journeys.Where(j => j.Instance.TemplateId == "vehicle-sales").Select(j => j.Instance).ToList();
        Assert.Equal(2, sales.Count);
        Assert.All(sales, s => Assert.Equal(JourneyStatus.Completed, s.Status));
        Assert.Equal(["research", "negotiation", "order", "delivery"], sales[1].Stages.Select(s => s.StageId)); // a returning owner skips the test drive
        var visits = result.Journeys.Where(j => j.Instance.TemplateId == "vehicle-service").ToList();
        Assert.Equal(4, visits.Count);
        Assert.All(visits, v => Assert.Equal(JourneyStatus.Completed, v.Instance.Status));
    }

    [Fact]
    public void Service_visit_from_booking_to_collection_and_a_no_show_is_abandoned()
    {
        var result = _simulator.Run(
        [
            Touchpoint("c1", "service-booked", Days.At(0)),
            Touchpoint("c1", "vehicle-checked-in", Days.At(7)),
            Touchpoint("c1", "repair-started", Days.At(7).AddHours(1)),
            Touchpoint("c1", "additional-work-proposed", Days.At(7).AddHours(2)),
            Touchpoint("c1", "additional-work-approved", Days.At(7).AddHours(2.5)),
            Touchpoint("c1", "quality-check-done", Days.At(7).AddHours(6)),
            Touchpoint("c1", "vehicle-ready", Days.At(7).AddHours(6.5)),
            Touchpoint("c1", "vehicle-collected", Days.At(7).AddHours(8)),
            // A walk-in: no booking.
            Touchpoint("c2", "vehicle-checked-in", Days.At(1)),
            Touchpoint("c2", "vehicle-ready", Days.At(1).AddHours(3)),
            Touchpoint("c2", "vehicle-collected", Days.At(1).AddHours(4)),
            Touchpoint("c3", "service-booked", Days.At(0)),
            Touchpoint("c3", "service-no-show", Days.At(5)),
            Touchpoint("c4", "service-booked", Days.At(0)),
        ], Days.At(40));

        var visit = Journey(result, "c1", "vehicle-service");
        Assert.Equal(["reception", "workshop", "ready", "collected"], visit.Stages.Select(s => s.StageId));
        Assert.Equal(TimeSpan.FromHours(5.5), visit.Stages[1].Duration);
        Assert.Equal(["reception", "ready", "collected"], Journey(result, "c2", "vehicle-service").Stages.Select(s => s.StageId));
        Assert.Equal((JourneyStatus.Abandoned, Days.At(5)), (Journey(result, "c3", "vehicle-service").Status, Journey(result, "c3", "vehicle-service").EndedAt));
        Assert.Equal((JourneyStatus.Abandoned, Days.At(30)), (Journey(result, "c4", "vehicle-service").Status, Journey(result, "c4", "vehicle-service").EndedAt));
    }

    [Fact]
    public void Car_in_the_workshop_beyond_2_business_days_opens_a_dealer_case()
    {
        PackEvent[] waitingForParts =
        [
            Touchpoint("c1", "vehicle-checked-in", Days.At(0)),
            Touchpoint("c1", "repair-started", Days.AtHours(1)),
            Touchpoint("c1", "parts-on-order", Days.At(1)),
        ];

        // In the workshop since hour 1; 2 business days ≈ 2.8 calendar days.
        var alert = Assert.Single(_simulator.Run(waitingForParts, Days.At(3)).Alerts, a => a.RuleId == "workshop-overrun");
        Assert.Equal(("dealer", "workshop-delay"), (alert.RouteToLevel, alert.CaseType));
        Assert.DoesNotContain(_simulator.Run(waitingForParts, Days.At(2.5)).Alerts, a => a.RuleId == "workshop-overrun");
        Assert.DoesNotContain(_simulator.Run([.. waitingForParts, Touchpoint("c1", "vehicle-ready", Days.At(2))], Days.At(5)).Alerts, a => a.RuleId == "workshop-overrun");
    }

    [Fact]
    public void Detractor_after_a_service_visit_or_a_delivery_opens_a_dealer_case_and_a_passive_does_not()
    {
        var result = _simulator.Run(
        [
            Feedback("c1", "vehicle-collected", Days.At(1), Scores(("nps", 3), ("csat", 2)), orgUnit: "dealer-sh-pudong"),
            Feedback("c2", "vehicle-collected", Days.At(1), Scores(("nps", 7), ("csat", 4)), orgUnit: "dealer-sh-pudong"),
            Feedback("c3", "vehicle-delivered", Days.At(1), Scores(("nps", 6)), orgUnit: "dealer-bj-chaoyang"),
            Feedback("c4", "test-drive-completed", Days.At(1), Scores(("nps", 0), ("csat", 1)), orgUnit: "dealer-sh-pudong"),
            Touchpoint("c5", "vehicle-collected", Days.At(1), "dealer-sh-pudong"),
        ], Days.At(2));

        var service = Assert.Single(result.Alerts, a => a.RuleId == "service-detractor");
        Assert.Equal(("c1", "dealer", "detractor-follow-up", "dealer-sh-pudong"), (service.CustomerKey, service.RouteToLevel, service.CaseType, service.OrgUnit));
        var delivery = Assert.Single(result.Alerts, a => a.RuleId == "delivery-detractor");
        Assert.Equal(("c3", "dealer-bj-chaoyang"), (delivery.CustomerKey, delivery.OrgUnit));
        Assert.Equal(2, result.Alerts.Count);
    }

    [Fact]
    public void Dealer_nps_service_csat_and_repurchase_intent_match_hand_computed_values()
    {
        var result = _simulator.Run(
        [
            // After delivery: NPS 10, 9, 6; repurchase intent 5, 4, 3.
            Feedback("s1", "vehicle-delivered", Days.At(1), Scores(("nps", 10), ("csat", 5), ("repurchase-intent", 5))),
            Feedback("s2", "vehicle-delivered", Days.At(1), Scores(("nps", 9), ("csat", 5), ("repurchase-intent", 4))),
            Feedback("s3", "vehicle-delivered", Days.At(1), Scores(("nps", 6), ("csat", 3), ("repurchase-intent", 3))),
            // After service: NPS 10, 8, 3, 9, 0; CSAT 5, 4, 3, 2, 5; repurchase intent 2, 5, 1 (asked optionally).
            Feedback("v1", "vehicle-collected", Days.At(1), Scores(("nps", 10), ("csat", 5), ("repurchase-intent", 2))),
            Feedback("v2", "vehicle-collected", Days.At(1), Scores(("nps", 8), ("csat", 4), ("repurchase-intent", 5))),
            Feedback("v3", "vehicle-collected", Days.At(1), Scores(("nps", 3), ("csat", 3), ("repurchase-intent", 1))),
            Feedback("v4", "vehicle-collected", Days.At(1), Scores(("nps", 9), ("csat", 2))),
            Feedback("v5", "vehicle-collected", Days.At(1), Scores(("nps", 0), ("csat", 5))),
            // After test drives: CSAT 5 and 3.
            Feedback("t1", "test-drive-completed", Days.At(1), Scores(("csat", 5))),
            Feedback("t2", "test-drive-completed", Days.At(1), Scores(("csat", 3))),
        ], Days.At(2));

        // Dealer NPS over all 8 answers: promoters 10, 9, 10, 9 = 4; detractors 6, 3, 0 = 3 → (4 − 3) / 8 = 12.5.
        Assert.Equal(12.5, result.Metrics["dealer-nps"].Value!.Value, 9);
        Assert.Equal(8, result.Metrics["dealer-nps"].N);
        // Sales NPS: 2 promoters, 1 detractor of 3 → 33.33.
        Assert.Equal(100.0 / 3, result.Metrics["sales-nps"].Value!.Value, 9);
        // Service CSAT: 5, 4, 5 of 5 answers are 4 or 5 → 60 %; the delivery CSATs are not service.
        Assert.Equal(60, result.Metrics["service-csat"].Value!.Value, 9);
        Assert.Equal(5, result.Metrics["service-csat"].N);
        Assert.Equal(50, result.Metrics["test-drive-csat"].Value!.Value, 9);
        // Repurchase intent 5, 4, 3, 2, 5, 1: top-2-box 3 of 6 = 50 %.
        Assert.Equal(50, result.Metrics["repurchase-intent"].Value!.Value, 9);
        Assert.Equal(6, result.Metrics["repurchase-intent"].N);
    }

    [Fact]
    public void Conversion_and_lead_times_match_hand_computed_values()
    {
        // Contract to delivery after 10, 30 and 60 days = 240, 720, 1440 h: median (⌈0.5 × 3⌉ = 2nd) = 720 h.
        // Check-in to ready after 3, 5, 8 and 26 h: median (⌈0.5 × 4⌉ = 2nd) = 5 h.
        double[] orderDays = [10, 30, 60];
        double[] workshopHours = [3, 5, 8, 26];
        var result = _simulator.Run(
        [
            .. orderDays.SelectMany((d, i) => new[] { Touchpoint($"o{i}", "contract-signed", Days.At(0)), Touchpoint($"o{i}", "vehicle-delivered", Days.At(d)) }),
            .. workshopHours.SelectMany((h, i) => new[] { Touchpoint($"w{i}", "vehicle-checked-in", Days.At(0)), Touchpoint($"w{i}", "vehicle-ready", Days.AtHours(h)) }),
            // Conversion: the 3 contracts above, 2 lost leads → 3 / 5 = 60 %.
            Touchpoint("l1", "lead-lost", Days.At(5)),
            Touchpoint("l2", "lead-lost", Days.At(6)),
        ], Days.At(90));

        Assert.Equal(720, result.Metrics["order-to-delivery-time-p50"].Value);
        Assert.Equal(5, result.Metrics["service-turnaround-time-p50"].Value);
        Assert.Equal(60, result.Metrics["sales-conversion-rate"].Value!.Value, 9);
    }

    [Fact]
    public void Service_retention_counts_the_first_visit_to_the_selling_dealer_within_365_days()
    {
        var delivered = At("c1", "vehicle-delivered", 0, "dealer-a");

        Assert.Equal(new MetricContribution(0, 1), RetentionOf(delivered));
        Assert.Equal(new MetricContribution(100, 0), RetentionOf(At("c1", "vehicle-checked-in", 200, "dealer-a"), delivered));
        // The window is inclusive: day 365 is retained, day 366 is not.
        Assert.Equal(new MetricContribution(100, 0), RetentionOf(At("c1", "vehicle-checked-in", 365, "dealer-a"), delivered));
        Assert.Null(RetentionOf(At("c1", "vehicle-checked-in", 366, "dealer-a"), delivered));
        // Another dealer's workshop does not retain for the selling dealer.
        Assert.Null(RetentionOf(At("c1", "vehicle-checked-in", 100, "dealer-b"), delivered));
        // The second visit does not count again.
        Assert.Null(RetentionOf(At("c1", "vehicle-checked-in", 300, "dealer-a"), delivered, At("c1", "vehicle-checked-in", 200, "dealer-a")));
        // A visit with no delivery on record (a used car, or bought elsewhere) is not retention.
        Assert.Null(RetentionOf(At("c1", "vehicle-checked-in", 100, "dealer-a")));
    }

    [Fact]
    public void Service_retention_tells_vehicles_apart_and_ignores_survey_answers()
    {
        var first = At("c1", "vehicle-delivered", 0, "dealer-a", "v1");
        var second = At("c1", "vehicle-delivered", 100, "dealer-a", "v2");
        var firstVisit = At("c1", "vehicle-checked-in", 150, "dealer-a", "v1");

        // A household with two cars: each car's first visit retains its own delivery.
        Assert.Equal(new MetricContribution(100, 0), RetentionOf(firstVisit, first, second));
        Assert.Equal(new MetricContribution(100, 0), RetentionOf(At("c1", "vehicle-checked-in", 200, "dealer-a", "v2"), first, second, firstVisit));
        Assert.Null(RetentionOf(At("c1", "vehicle-checked-in", 250, "dealer-a", "v1"), first, second, firstVisit));
        // Survey answers on the delivery or visit touchpoints are neither deliveries nor visits.
        var answer = Feedback("c1", "vehicle-delivered", Days.At(3), Scores(("nps", 9)), "dealer-a");
        Assert.Null(RetentionOf(answer));
        Assert.Null(RetentionOf(At("c1", "vehicle-checked-in", 100, "dealer-a"), answer));
        Assert.Null(RetentionOf(Feedback("c1", "vehicle-checked-in", Days.At(200), Scores(("csat", 5)), "dealer-a"), first));
    }

    [Fact]
    public void Service_retention_over_a_dealer_matches_the_hand_computed_value()
    {
        // Four deliveries at dealer A: c1 returns on day 200 (and again on 300), c2 only on day 400 (too late),
        // c3 goes to dealer B, c4 never returns. Retained 1 of 4 = 25 %.
        var result = _simulator.Run(
        [
            At("c1", "vehicle-delivered", 0, "dealer-a"),
            At("c1", "vehicle-checked-in", 200, "dealer-a"),
            At("c1", "vehicle-checked-in", 300, "dealer-a"),
            At("c2", "vehicle-delivered", 0, "dealer-a"),
            At("c2", "vehicle-checked-in", 400, "dealer-a"),
            At("c3", "vehicle-delivered", 0, "dealer-a"),
            At("c3", "vehicle-checked-in", 100, "dealer-b"),
            At("c4", "vehicle-delivered", 0, "dealer-a"),
        ], Days.At(420));

        Assert.Equal(25, result.Metrics["service-retention-12m"].Value!.Value, 9);
        Assert.Equal(5, result.Metrics["service-retention-12m"].N); // 4 deliveries + 1 retaining visit
    }

    [Fact]
    public void Service_survey_asks_unhappy_customers_why_and_courtesy_car_users_about_the_car()
    {
        var survey = Pack.Content.Surveys.Single(s => s.Id == "post-service");
        static Dictionary<string, IReadOnlyList<string>> Answers(string nps, string csat) => new() { ["nps"] = [nps], ["csat"] = [csat], ["fixed-first-time"] = ["yes"] };
        IEnumerable<string> Visible(Dictionary<string, IReadOnlyList<string>> answers, bool courtesyCar) =>
            SurveyBranching.VisibleQuestions(survey, answers, new Dictionary<string, string> { ["courtesy-car"] = courtesyCar ? "yes" : "no" }).Select(q => q.Id);

        Assert.Equal(["nps", "csat", "fixed-first-time", "what-went-wrong", "repurchase-intent", "comment"], Visible(Answers("5", "4"), false));
        Assert.Equal(["nps", "csat", "fixed-first-time", "what-went-wrong", "courtesy-car-csat", "repurchase-intent", "comment"], Visible(Answers("8", "2"), true));
        Assert.Equal(["nps", "csat", "fixed-first-time", "repurchase-intent", "comment"], Visible(Answers("9", "5"), false));
    }
}
