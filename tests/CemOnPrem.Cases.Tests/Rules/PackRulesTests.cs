using CemOnPrem.Testing;

namespace CemOnPrem.Cases.Tests.Rules;

/// <summary>
/// Each shipped pack's event and stalled-journey rules, run by the real projector on hand-made event sequences: the
/// expected case (type, queue unit, priority, clocks) for a matching sequence, nothing for a non-matching one.
/// </summary>
public sealed class PackRulesTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private const string Region = MigratedDatabases.EuCentral;
    private static readonly DateTimeOffset Now = RulesBed.Now;
    private readonly RulesBed _bed = new(databases);

    [Fact]
    public async Task Banking_rules_open_a_detractor_a_complaint_and_a_stalled_loan_case_and_nothing_for_a_promoter()
    {
        await _bed.InitializeAsync();
        var customers = await _bed.WriteAsync(Region,
            RulesBed.Feedback("bank-detractor@example.test", "branch-visit-completed", "nps", 3, Now.AddHours(-2), "rt-branch-1"),
            RulesBed.Touchpoint("bank-complaint@example.test", "complaint-received", Now.AddHours(-3), "rt-branch-1"),
            RulesBed.Touchpoint("bank-loan@example.test", "loan-application-submitted", Now.AddDays(-10), "rt-branch-1"),
            RulesBed.Touchpoint("bank-loan@example.test", "credit-assessment-started", Now.AddDays(-8), "rt-branch-1"),
            RulesBed.Feedback("bank-promoter@example.test", "branch-visit-completed", "nps", 9, Now.AddHours(-2), "rt-branch-1"),
            RulesBed.Touchpoint("bank-fresh-loan@example.test", "credit-assessment-started", Now.AddDays(-1), "rt-branch-1"));

        await _bed.CatchUpAsync(_bed.Projector(), Region);

        var detractor = Assert.Single(await _bed.CasesOfAsync(Region, customers[0]));
        Assert.Equal(("branch-detractor", "detractor-follow-up", "rt-branch-1", (short)2, true, null), Facts(detractor));
        var complaint = Assert.Single(await _bed.CasesOfAsync(Region, customers[1]));
        Assert.Equal(("complaint-response-clock", "complaint", "rt-complaints", (short)1, true, "complaint-final-response"), Facts(complaint));
        var loan = Assert.Single(await _bed.CasesOfAsync(Region, customers[2]));
        Assert.Equal(("loan-assessment-stalled", "stalled-application", "rt-credit", (short)2, true, null), Facts(loan));
        Assert.StartsWith("com.cemonprem.banking/loan-assessment-stalled/journey:", loan.OriginKey, StringComparison.Ordinal);
        Assert.Empty(await _bed.CasesOfAsync(Region, customers[4]));
        Assert.Empty(await _bed.CasesOfAsync(Region, customers[5]));
    }

    [Fact]
    public async Task Insurance_rules_open_settlement_stalled_claim_and_welcome_call_cases_and_nothing_for_a_happy_settlement()
    {
        await _bed.InitializeAsync();
        var customers = await _bed.WriteAsync(Region,
            RulesBed.Feedback("ins-settled@example.test", "claim-paid", "nps", 2, Now.AddHours(-1), "rt-branch-1"),
            RulesBed.Touchpoint("ins-claim@example.test", "claim-reported", Now.AddDays(-20), "rt-branch-1"),
            RulesBed.Touchpoint("ins-claim@example.test", "adjuster-assigned", Now.AddDays(-16), "rt-branch-1"),
            RulesBed.Touchpoint("ins-policy@example.test", "policy-issued", Now.AddDays(-16), "rt-branch-1"),
            RulesBed.Feedback("ins-happy@example.test", "claim-paid", "nps", 10, Now.AddHours(-1), "rt-branch-1"));

        await _bed.CatchUpAsync(_bed.Projector(), Region);

        Assert.Equal(("settlement-detractor", "detractor-follow-up", "rt-claims", (short)2, true, null), Facts(Assert.Single(await _bed.CasesOfAsync(Region, customers[0]))));
        Assert.Equal(("claim-assessment-stalled", "stalled-claim", "rt-claims", (short)2, true, null), Facts(Assert.Single(await _bed.CasesOfAsync(Region, customers[1]))));
        Assert.Equal(("welcome-call-overdue", "welcome-call-overdue", "rt-service-centre", (short)2, true, null),
            Facts(Assert.Single(await _bed.CasesOfAsync(Region, customers[3]))));
        Assert.Empty(await _bed.CasesOfAsync(Region, customers[4]));
    }

    [Fact]
    public async Task Retail_rules_route_courier_and_store_deliveries_apart_open_a_refund_case_and_nothing_for_a_satisfied_customer()
    {
        await _bed.InitializeAsync();
        var customers = await _bed.WriteAsync(Region,
            RulesBed.Feedback("ret-courier@example.test", "order-delivered", "csat", 1, Now.AddHours(-1), "rt-store-1", new() { ["fulfilment"] = "courier" }),
            RulesBed.Feedback("ret-store@example.test", "order-collected", "csat", 2, Now.AddHours(-1), "rt-store-1", new() { ["fulfilment"] = "store" }),
            RulesBed.Touchpoint("ret-return@example.test", "return-requested", Now.AddDays(-9), "rt-store-1"),
            RulesBed.Touchpoint("ret-return@example.test", "return-received", Now.AddDays(-6), "rt-store-1"),
            RulesBed.Feedback("ret-happy@example.test", "order-delivered", "csat", 5, Now.AddHours(-1), "rt-store-1", new() { ["fulfilment"] = "courier" }));

        await _bed.CatchUpAsync(_bed.Projector(), Region);

        Assert.Equal(("low-delivery-csat-logistics", "delivery-recovery", "rt-logistics", (short)2, true, null), Facts(Assert.Single(await _bed.CasesOfAsync(Region, customers[0]))));
        Assert.Equal(("low-delivery-csat-store", "delivery-recovery", "rt-store-1", (short)2, true, null), Facts(Assert.Single(await _bed.CasesOfAsync(Region, customers[1]))));
        Assert.Equal(("refund-overdue", "refund-overdue", "rt-cs", (short)2, true, null), Facts(Assert.Single(await _bed.CasesOfAsync(Region, customers[2]))));
        Assert.Empty(await _bed.CasesOfAsync(Region, customers[4]));
    }

    [Fact]
    public async Task Automotive_rules_open_delivery_service_and_workshop_cases_at_the_dealer_and_nothing_for_a_passive()
    {
        await _bed.InitializeAsync();
        var customers = await _bed.WriteAsync(Region,
            RulesBed.Feedback("car-delivered@example.test", "vehicle-delivered", "nps", 5, Now.AddHours(-1), "rt-dealer-1"),
            RulesBed.Feedback("car-serviced@example.test", "vehicle-collected", "nps", 6, Now.AddHours(-1), "rt-dealer-1"),
            RulesBed.Touchpoint("car-workshop@example.test", "vehicle-checked-in", Now.AddDays(-6), "rt-dealer-1"),
            RulesBed.Touchpoint("car-workshop@example.test", "repair-started", Now.AddDays(-5), "rt-dealer-1"),
            RulesBed.Feedback("car-passive@example.test", "vehicle-delivered", "nps", 7, Now.AddHours(-1), "rt-dealer-1"));

        await _bed.CatchUpAsync(_bed.Projector(), Region);

        Assert.Equal(("delivery-detractor", "detractor-follow-up", "rt-dealer-1", (short)2, true, null), Facts(Assert.Single(await _bed.CasesOfAsync(Region, customers[0]))));
        Assert.Equal(("service-detractor", "detractor-follow-up", "rt-dealer-1", (short)2, true, null), Facts(Assert.Single(await _bed.CasesOfAsync(Region, customers[1]))));
        Assert.Equal(("workshop-overrun", "workshop-delay", "rt-dealer-1", (short)3, true, null), Facts(Assert.Single(await _bed.CasesOfAsync(Region, customers[2]))));
        Assert.Empty(await _bed.CasesOfAsync(Region, customers[4]));
    }

    private static (string, string, string, short, bool, string?) Facts(StoredCase c) => (c.RuleId, c.CaseType, c.QueueUnit, c.Priority, c.HasSla, c.RegName);
}
