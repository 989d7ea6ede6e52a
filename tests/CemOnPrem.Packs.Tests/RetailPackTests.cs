using CemOnPrem.Sdk.Engine.Journeys;
using CemOnPrem.Sdk.Engine.Surveys;
using CemOnPrem.Sdk.Metrics;
using CemOnPrem.Sdk.Testing;
using static CemOnPrem.Sdk.Testing.PackEvents;
using static CemOnPrem.Packs.Tests.Simulations;

namespace CemOnPrem.Packs.Tests;

public sealed class RetailPackTests
{
    private static readonly LoadedPack Pack = LoadedPack.From("CemOnPrem.Packs.Retail");
    private static readonly IMetricCalculator Repurchase = Pack.Code!.MetricCalculators.Single(c => c.MetricId == "repurchase-rate-90d");
    private readonly PackSimulator _simulator = new(Pack.Content, Pack.Code);

    private static Dictionary<string, string> Attributes(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value);

    /// <summary>A survey answer as the server records it: the touchpoint that sent the survey, and its attributes.</summary>
    private static PackEvent Rated(string customer, string touchpoint, double day, string key, double score, string? orgUnit = null, params (string Key, string Value)[] attributes) =>
        Feedback(customer, touchpoint, Days.At(day), new Dictionary<string, double> { [key] = score }, orgUnit) with { Attributes = Attributes(attributes) };

    private static PackEvent Bought(string customer, string touchpoint, double day, string? orderId = null) =>
        Touchpoint(customer, touchpoint, Days.At(day), attributes: orderId is null ? null : Attributes(("order-id", orderId)));

    private static MetricContribution? RepurchaseOf(PackEvent current, params PackEvent[] earlier) =>
        Repurchase.Contribute(new MetricContext(current, [.. earlier.OrderByDescending(e => e.OccurredAt)]));

    [Fact]
    public void Online_order_completes_the_browse_journey_and_starts_fulfilment_through_to_the_doorstep()
    {
        var result = _simulator.Run(
        [
            Touchpoint("c1", "product-searched", Days.At(0)),
            Touchpoint("c1", "product-viewed", Days.At(0).AddMinutes(2)),
            Touchpoint("c1", "added-to-cart", Days.At(0).AddMinutes(6)),
            Touchpoint("c1", "checkout-started", Days.At(0).AddMinutes(8)),
            Touchpoint("c1", "delivery-option-selected", Days.At(0).AddMinutes(9)),
            Touchpoint("c1", "order-placed", Days.At(0).AddMinutes(12)),
            Touchpoint("c1", "payment-confirmed", Days.At(0).AddMinutes(13)),
            Touchpoint("c1", "order-picked", Days.At(0.5)),
            Touchpoint("c1", "order-packed", Days.At(0.6)),
            Touchpoint("c1", "order-dispatched", Days.At(1)),
            Touchpoint("c1", "out-for-delivery", Days.At(2)),
            Touchpoint("c1", "order-delivered", Days.At(2.25)),
        ], Days.At(5));

        var shopping = Journey(result, "c1", "online-shopping");
        Assert.Equal(JourneyStatus.Completed, shopping.Status);
        Assert.Equal(["browse", "checkout", "ordered"], shopping.Stages.Select(s => s.StageId));
        Assert.Equal(TimeSpan.FromMinutes(4), shopping.Stages[1].Duration); // checkout 8 → 12 minutes
        var order = Journey(result, "c1", "order-fulfilment");
        Assert.Equal(JourneyStatus.Completed, order.Status);
        Assert.Equal(["ordered", "preparing", "on-the-way", "received"], order.Stages.Select(s => s.StageId));
        Assert.Equal(Days.At(0).AddMinutes(12), order.StartedAt); // the same order-placed event ends one journey and starts the next
    }

    [Fact]
    public void Cart_left_at_checkout_is_abandoned_after_a_day_and_browsing_alone_after_a_week()
    {
        var result = _simulator.Run(
        [
            Touchpoint("c1", "product-viewed", Days.AtHours(0)),
            Touchpoint("c1", "added-to-cart", Days.AtHours(0.25)),
            Touchpoint("c1", "checkout-started", Days.AtHours(0.5)),
            Touchpoint("c1", "payment-failed", Days.AtHours(0.75)), // the checkout clock runs from checkout-started
            Touchpoint("c2", "product-viewed", Days.At(0)),
            Touchpoint("c2", "wishlist-added", Days.At(2)),
        ], Days.At(30));

        var checkout = Journey(result, "c1", "online-shopping");
        Assert.Equal((JourneyStatus.Abandoned, "checkout", Days.AtHours(24.5)), (checkout.Status, checkout.Current.StageId, checkout.EndedAt));
        var browsing = Journey(result, "c2", "online-shopping");
        Assert.Equal((JourneyStatus.Abandoned, "browse", Days.At(7)), (browsing.Status, browsing.Current.StageId, browsing.EndedAt));
    }

    [Fact]
    public void Store_visit_ends_at_the_till_and_a_store_order_for_delivery_starts_fulfilment_by_the_store()
    {
        var result = _simulator.Run(
        [
            Touchpoint("c1", "guide-consultation", Days.At(0)),
            Touchpoint("c1", "fitting-room-used", Days.AtHours(0.3)),
            Touchpoint("c1", "store-purchase", Days.AtHours(0.6)),
            // A sofa: chosen with an associate, paid in store, delivered by the store's own team.
            Touchpoint("c2", "store-checked-in", Days.At(0)),
            Touchpoint("c2", "store-order-placed", Days.AtHours(1)),
            Touchpoint("c2", "order-dispatched", Days.At(3)),
            Touchpoint("c2", "order-delivered", Days.At(4)),
            // Browsed with an associate, left without buying.
            Touchpoint("c3", "guide-consultation", Days.At(0)),
        ], Days.At(5));

        Assert.Equal(["in-store", "purchased"], Journey(result, "c1", "store-visit").Stages.Select(s => s.StageId));
        Assert.Equal(JourneyStatus.Completed, Journey(result, "c2", "store-visit").Status);
        var delivery = Journey(result, "c2", "order-fulfilment");
        Assert.Equal((JourneyStatus.Completed, 3), (delivery.Status, delivery.Stages.Count)); // ordered → on-the-way → received
        var left = Journey(result, "c3", "store-visit");
        Assert.Equal((JourneyStatus.Abandoned, Days.AtHours(4)), (left.Status, left.EndedAt));
    }

    [Fact]
    public void Click_and_collect_completes_on_collection_and_an_uncollected_parcel_is_abandoned_after_21_days()
    {
        var result = _simulator.Run(
        [
            Touchpoint("c1", "order-placed", Days.At(0)),
            Touchpoint("c1", "order-picked", Days.At(0.2)),
            Touchpoint("c1", "ready-for-collection", Days.At(1)),
            Touchpoint("c1", "order-collected", Days.At(2)),
            Touchpoint("c2", "order-placed", Days.At(0)),
            Touchpoint("c2", "ready-for-collection", Days.At(1)),
            Touchpoint("c3", "order-placed", Days.At(0)),
            Touchpoint("c3", "order-cancelled", Days.AtHours(1)),
        ], Days.At(40));

        Assert.Equal(JourneyStatus.Completed, Journey(result, "c1", "order-fulfilment").Status);
        var uncollected = Journey(result, "c2", "order-fulfilment");
        Assert.Equal((JourneyStatus.Abandoned, "on-the-way", Days.At(22)), (uncollected.Status, uncollected.Current.StageId, uncollected.EndedAt));
        var cancelled = Journey(result, "c3", "order-fulfilment");
        Assert.Equal((JourneyStatus.Abandoned, Days.AtHours(1)), (cancelled.Status, cancelled.EndedAt));
    }

    [Fact]
    public void Fulfilment_events_arriving_out_of_order_give_the_same_journey()
    {
        PackEvent[] inOrder =
        [
            Touchpoint("c1", "order-placed", Days.At(0)),
            Touchpoint("c1", "order-packed", Days.At(0.5)),
            Touchpoint("c1", "order-dispatched", Days.At(1)),
            Touchpoint("c1", "delivery-attempt-failed", Days.At(2)),
            Touchpoint("c1", "order-delivered", Days.At(3)),
        ];

        var ordered = Journey(_simulator.Run(inOrder, Days.At(10)), "c1", "order-fulfilment");
        var shuffled = Journey(_simulator.Run([inOrder[4], inOrder[2], inOrder[0], inOrder[3], inOrder[1]], Days.At(10)), "c1", "order-fulfilment");

        Assert.Equal(JourneyStatus.Completed, shuffled.Status);
        Assert.Equal(ordered.Stages, shuffled.Stages);
        Assert.Equal(TimeSpan.FromDays(2), shuffled.Stages[2].Duration); // a failed attempt keeps the parcel on the way
    }

    [Fact]
    public void Two_orders_of_one_customer_are_fulfilled_side_by_side()
    {
        var result = _simulator.Run(
        [
            Touchpoint("c1", "order-placed", Days.At(0)),
            Touchpoint("c1", "order-dispatched", Days.At(1)),
            Touchpoint("c1", "order-placed", Days.At(1.5)),
            Touchpoint("c1", "order-delivered", Days.At(2)),
            Touchpoint("c1", "order-dispatched", Days.At(2.5)),
            Touchpoint("c1", "order-delivered", Days.At(3)),
        ], Days.At(5));

        var orders = result.Journeys.Where(j => j.Instance.TemplateId == "order-fulfilment").Select(j => j.Instance).ToList();
        Assert.Equal([Days.At(2), Days.At(3)], orders.Select(o => o.EndedAt));
        Assert.All(orders, o => Assert.Equal(JourneyStatus.Completed, o.Status));
    }

    [Fact]
    public void Returns_online_in_store_and_exchanges_take_their_own_paths_and_a_rejected_return_is_abandoned()
    {
        var result = _simulator.Run(
        [
            Touchpoint("c1", "return-requested", Days.At(0)),
            Touchpoint("c1", "return-label-issued", Days.At(0)),
            Touchpoint("c1", "return-dropped-off", Days.At(1)),
            Touchpoint("c1", "return-received", Days.At(3)),
            Touchpoint("c1", "return-inspected", Days.At(4)),
            Touchpoint("c1", "refund-initiated", Days.At(4.5)),
            Touchpoint("c1", "refund-issued", Days.At(5)),
            Touchpoint("c2", "store-return-started", Days.At(0)),
            Touchpoint("c2", "return-inspected", Days.AtHours(0.1)),
            Touchpoint("c2", "refund-issued", Days.AtHours(0.2)),
            Touchpoint("c3", "exchange-requested", Days.At(0)),
            Touchpoint("c3", "return-pickup-scheduled", Days.At(1)),
            Touchpoint("c3", "return-received", Days.At(3)),
            Touchpoint("c3", "replacement-shipped", Days.At(4)),
            Touchpoint("c3", "exchange-delivered", Days.At(6)),
            Touchpoint("c4", "return-requested", Days.At(0)),
            Touchpoint("c4", "return-received", Days.At(4)),
            Touchpoint("c4", "return-rejected", Days.At(5)), // worn, outside the returns policy
        ], Days.At(10));

        Assert.Equal(["requested", "handover", "inspection", "resolution", "resolved"], Journey(result, "c1", "return-exchange").Stages.Select(s => s.StageId));
        Assert.Equal(["requested", "inspection", "resolved"], Journey(result, "c2", "return-exchange").Stages.Select(s => s.StageId));
        Assert.Equal(JourneyStatus.Completed, Journey(result, "c3", "return-exchange").Status);
        Assert.Equal(JourneyStatus.Abandoned, Journey(result, "c4", "return-exchange").Status);
    }

    [Fact]
    public void Returned_item_waiting_beyond_3_business_days_for_a_refund_opens_a_customer_service_case()
    {
        PackEvent[] waiting =
        [
            Touchpoint("c1", "return-requested", Days.At(0)),
            Touchpoint("c1", "return-shipped", Days.At(1)),
            Touchpoint("c1", "return-received", Days.At(3)),
        ];

        // 3 business days ≈ 4.2 calendar days after receipt on day 3.
        var alert = Assert.Single(_simulator.Run(waiting, Days.At(7.5)).Alerts, a => a.RuleId == "refund-overdue");
        Assert.Equal(("customer-service", "c1"), (alert.RouteToLevel, alert.CustomerKey));
        Assert.DoesNotContain(_simulator.Run(waiting, Days.At(7)).Alerts, a => a.RuleId == "refund-overdue");
        Assert.DoesNotContain(_simulator.Run([.. waiting, Touchpoint("c1", "refund-initiated", Days.At(5))], Days.At(10)).Alerts, a => a.RuleId == "refund-overdue");
    }

    [Fact]
    public void Low_delivery_csat_goes_to_the_store_or_to_logistics_by_who_fulfilled_the_order()
    {
        var result = _simulator.Run(
        [
            Rated("s1", "order-delivered", 1, "csat", 2, "store-sh-015", ("fulfilment", "store")),
            Rated("s2", "order-collected", 1, "csat", 1, "store-sh-015", ("fulfilment", "store")),
            Rated("k1", "order-delivered", 1, "csat", 1, "dc-east-02", ("fulfilment", "courier")),
            // Near misses: neutral, a low score on another survey, and an answer without the fulfilment attribute.
            Rated("s3", "order-delivered", 1, "csat", 3, "store-sh-015", ("fulfilment", "store")),
            Rated("s4", "store-purchase", 1, "csat", 1, "store-sh-015", ("fulfilment", "store")),
            Rated("x1", "order-delivered", 1, "csat", 1, "dc-east-02"),
        ], Days.At(2));

        var store = result.Alerts.Where(a => a.RuleId == "low-delivery-csat-store").ToList();
        Assert.Equal(["s1", "s2"], store.Select(a => a.CustomerKey));
        Assert.All(store, a => Assert.Equal(("store", "delivery-recovery", "store-sh-015"), (a.RouteToLevel, a.CaseType, a.OrgUnit)));
        var logistics = Assert.Single(result.Alerts, a => a.RuleId == "low-delivery-csat-logistics");
        Assert.Equal(("k1", "logistics-team", "dc-east-02"), (logistics.CustomerKey, logistics.RouteToLevel, logistics.OrgUnit));
        // The fulfilment attribute is what routes the case: an answer without it opens none (see the pack report).
        Assert.DoesNotContain(result.Alerts, a => a.CustomerKey is "s3" or "s4" or "x1");
    }

    [Fact]
    public void Delivery_and_returns_metrics_match_hand_computed_values()
    {
        // Delivery CSAT 5, 4, 4, 3, 2, 1, 5, 4: top-2-box (4 or 5) = 5 of 8 = 62.5 %.
        double[] csat = [5, 4, 4, 3, 2, 1, 5, 4];
        var deliveryAnswers = csat.Select((s, i) => Rated($"d{i}", i % 2 == 0 ? "order-delivered" : "order-collected", 10, "csat", s));
        // Orders delivered 1, 1, 2, 2, 3 and 5 days after being placed = 24, 24, 48, 48, 72, 120 h;
        // 90th percentile, nearest rank ⌈0.9 × 6⌉ = 6th = 120 h. On time: the first four of the six.
        double[] transit = [1, 1, 2, 2, 3, 5];
        var orders = transit.SelectMany((d, i) => new[]
        {
            Touchpoint($"o{i}", "order-placed", Days.At(0)),
            Touchpoint($"o{i}", "order-delivered", Days.At(d), attributes: Attributes(("on-time", i < 4 ? "yes" : "no"))),
        });
        // Refunds 1, 2, 3, 4 and 7 days after the return arrived = 24 … 168 h; 90th: ⌈0.9 × 5⌉ = 5th = 168 h.
        double[] refund = [1, 2, 3, 4, 7];
        var returns = refund.SelectMany((d, i) => new[]
        {
            Touchpoint($"r{i}", "return-received", Days.At(0)),
            Touchpoint($"r{i}", "refund-issued", Days.At(d)),
        });
        // Returns effort 7, 6, 2, 5: mean 20 / 4 = 5.
        double[] ces = [7, 6, 2, 5];
        var returnAnswers = ces.Select((s, i) => Rated($"r{i}", i == 3 ? "exchange-delivered" : "refund-issued", 10, "ces", s));

        var result = _simulator.Run([.. deliveryAnswers, .. orders, .. returns, .. returnAnswers], Days.At(20));

        Assert.Equal(62.5, result.Metrics["delivery-csat"].Value!.Value, 9);
        Assert.Equal(8, result.Metrics["delivery-csat"].N);
        Assert.Equal(120, result.Metrics["order-to-door-time-p90"].Value);
        // On time 4 of the 6 deliveries = 66.67 %; the 8 survey answers carry the touchpoints but are not deliveries.
        Assert.Equal(400.0 / 6, result.Metrics["on-time-delivery-rate"].Value!.Value, 9);
        Assert.Equal(6, result.Metrics["on-time-delivery-rate"].N);
        Assert.Equal(168, result.Metrics["refund-time-p90"].Value);
        Assert.Equal(5, result.Metrics["returns-ces"].Value!.Value, 9);
        Assert.Null(result.Metrics["store-purchase-csat"].Value);
    }

    [Fact]
    public void Repurchase_counts_a_purchase_in_any_channel_within_the_previous_90_days()
    {
        // First purchase: counted, not a repurchase.
        Assert.Equal(new MetricContribution(0, 1), RepurchaseOf(Bought("c1", "order-placed", 0)));
        // Online, then in store 30 days later: a repurchase.
        Assert.Equal(new MetricContribution(100, 1), RepurchaseOf(Bought("c1", "store-purchase", 30), Bought("c1", "order-placed", 0)));
        Assert.Equal(new MetricContribution(100, 1), RepurchaseOf(Bought("c1", "store-order-placed", 30), Bought("c1", "store-purchase", 0)));
        // The window is inclusive: 90 days is a repurchase, 91 is not.
        Assert.Equal(new MetricContribution(100, 1), RepurchaseOf(Bought("c1", "order-placed", 90), Bought("c1", "order-placed", 0)));
        Assert.Equal(new MetricContribution(0, 1), RepurchaseOf(Bought("c1", "order-placed", 91), Bought("c1", "order-placed", 0)));
    }

    [Fact]
    public void Repurchase_ignores_cancelled_orders_survey_answers_and_exchanges()
    {
        // The earlier order was cancelled: it never was a purchase.
        Assert.Equal(new MetricContribution(0, 1), RepurchaseOf(
            Bought("c1", "order-placed", 10, "B"), Bought("c1", "order-placed", 0, "A"), Bought("c1", "order-cancelled", 0.1, "A")));
        // A cancellation of another order does not matter.
        Assert.Equal(new MetricContribution(100, 1), RepurchaseOf(
            Bought("c1", "order-placed", 10, "C"), Bought("c1", "order-placed", 0, "A"), Bought("c1", "order-cancelled", 5, "B")));
        // Survey answers on a purchase touchpoint are not purchases, now or earlier.
        Assert.Null(RepurchaseOf(Rated("c1", "store-purchase", 1, "csat", 5)));
        Assert.Equal(new MetricContribution(0, 1), RepurchaseOf(Bought("c1", "store-purchase", 10), Rated("c1", "store-purchase", 1, "csat", 5)));
        // An exchange is not a purchase, nor does it make the next one a repurchase.
        Assert.Null(RepurchaseOf(Bought("c1", "exchange-delivered", 10), Bought("c1", "order-placed", 0)));
        Assert.Equal(new MetricContribution(0, 1), RepurchaseOf(Bought("c1", "order-placed", 20), Bought("c1", "exchange-delivered", 10)));
    }

    [Fact]
    public void Repurchase_rate_over_customers_matches_the_hand_computed_value()
    {
        // c1 buys on days 0, 30 and 200: 0, 100 (30 days after day 0), 0 (170 days after day 30).
        // c2 buys once: 0. c3 buys on days 0 and 45, the first order cancelled: 0, 0.
        // 100 / 6 purchases = 16.67 %.
        var result = _simulator.Run(
        [
            Bought("c1", "order-placed", 0),
            Bought("c1", "store-purchase", 30),
            Bought("c1", "order-placed", 200),
            Bought("c2", "store-purchase", 5),
            Bought("c3", "order-placed", 0, "A"),
            Bought("c3", "order-cancelled", 1, "A"),
            Bought("c3", "order-placed", 45, "B"),
        ], Days.At(250));

        Assert.Equal(100.0 / 6, result.Metrics["repurchase-rate-90d"].Value!.Value, 9);
        Assert.Equal(6, result.Metrics["repurchase-rate-90d"].N);
    }

    [Fact]
    public void Delivery_survey_asks_why_when_unhappy_or_late_and_about_whoever_delivered()
    {
        var survey = Pack.Content.Surveys.Single(s => s.Id == "post-delivery");
        static Dictionary<string, IReadOnlyList<string>> Answers(string csat, string timing) => new() { ["csat"] = [csat], ["timing"] = [timing], ["condition"] = ["perfect"] };
        IEnumerable<string> Visible(Dictionary<string, IReadOnlyList<string>> answers, string fulfilment) =>
            SurveyBranching.VisibleQuestions(survey, answers, new Dictionary<string, string> { ["fulfilment"] = fulfilment }).Select(q => q.Id);

        Assert.Equal(["csat", "timing", "condition", "what-went-wrong", "courier-csat", "comment"], Visible(Answers("2", "on-time"), "courier"));
        Assert.Equal(["csat", "timing", "condition", "what-went-wrong", "store-handover-csat", "comment"], Visible(Answers("5", "late"), "store"));
        Assert.Equal(["csat", "timing", "condition", "store-handover-csat", "comment"], Visible(Answers("4", "early"), "store"));
    }
}
