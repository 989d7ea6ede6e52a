using System.Globalization;
using CemOnPrem.Contracts.Customers;
using CemOnPrem.Sdk;
using CemOnPrem.Sdk.Journeys;
using CemOnPrem.Storage.Events;

namespace CemOnPrem.Server.Demo;

/// <summary>
/// Demo customers whose events fire every case rule of the shipped packs (docs/cases.md, "Rules on live data"): a
/// detractor, a complaint, a stalled journey per pack, and enough branch detractors for the branch NPS rule. Some fired
/// hours ago (open cases), some days ago, past their SLA (overdue cases). A scenario whose touchpoints no loaded
/// journey knows is left out, so a demo without a pack gets none of its cases.
/// </summary>
internal static class DemoCaseTriggers
{
    private const int MetricSample = 25;

    public static IEnumerable<NewEvent> For(string region, IReadOnlyList<JourneyTemplate> journeys, DateTimeOffset now)
    {
        var known = journeys.SelectMany(j => j.Stages.SelectMany(s => s.Touchpoints).Concat(j.AbandonmentTouchpoints)).ToHashSet(StringComparer.Ordinal);
        var branch = DemoOrgTree.LeafCodes(region)[0];
        var dealer = DemoOrgTree.CodeOf(region, "dealer");
        var store = DemoOrgTree.CodeOf(region, "store");
        List<Step[]> scenarios =
        [
            // banking: detractors after a branch visit, complaints (the regulatory clock), a loan stuck in assessment
            [Score("branch-visit-completed", branch, 1, "nps", 2)], [Score("branch-visit-completed", branch, 6 * 24, "nps", 3)],
            [Touch("complaint-received", branch, 2)], [Touch("card-dispute-raised", branch, 16 * 24)],
            [Touch("loan-application-submitted", branch, 12 * 24), Touch("credit-assessment-started", branch, 10 * 24)],
            // insurance: a detractor after settlement, a claim stuck in assessment, a welcome call not made
            [Score("claim-paid", branch, 3, "nps", 3)], [Score("claim-denied", branch, 5 * 24, "nps", 1)],
            [Touch("claim-reported", branch, 22 * 24), Touch("adjuster-assigned", branch, 20 * 24)],
            [Touch("policy-issued", branch, 18 * 24)],
            // retail: unhappy with a courier and with a store fulfilment, a return waiting for its refund
            [Score("order-delivered", store, 1, "csat", 1, "courier")], [Score("order-delivered", store, 5 * 24, "csat", 2, "courier")],
            [Score("order-collected", store, 2, "csat", 1, "store")],
            [Touch("return-requested", store, 12 * 24), Touch("return-received", store, 10 * 24)],
            // automotive: detractors after delivery and service, a vehicle in the workshop too long
            [Score("vehicle-delivered", dealer, 2, "nps", 4)], [Score("vehicle-collected", dealer, 6 * 24, "nps", 5)],
            [Touch("vehicle-checked-in", dealer, 6 * 24), Touch("repair-started", dealer, 5 * 24)],
        ];
        // banking: a branch whose transactional NPS fell below zero over the last 7 days (at least 20 answers)
        scenarios.AddRange(Enumerable.Range(0, MetricSample).Select(i => new[] { Score("branch-visit-completed", branch, 3 + (i * 2), "nps", i % 4) }));
        var number = 0;
        foreach (var scenario in scenarios)
        {
            number++;
            if (!scenario.All(step => known.Contains(step.Touchpoint)))
            {
                continue;
            }

            var customer = string.Create(CultureInfo.InvariantCulture, $"DEMO-CASES-{region}-{number:D3}");
            for (var i = 0; i < scenario.Length; i++)
            {
                var step = scenario[i];
                var attributes = new Dictionary<string, string>(StringComparer.Ordinal) { ["channel"] = "assisted" };
                if (step.Fulfilment is not null)
                {
                    attributes["fulfilment"] = step.Fulfilment;
                }

                yield return new NewEvent(step.Kind == EventKinds.Feedback ? "survey" : "demo-channel",
                    string.Create(CultureInfo.InvariantCulture, $"demo-cases-{region}-{number:D3}-{i}"), region, step.Kind, step.Touchpoint, step.OrgUnit,
                    now.AddHours(-step.HoursAgo), [new CustomerIdentity("account", customer)], attributes, step.Scores, null);
            }
        }
    }

    private static Step Touch(string touchpoint, string orgUnit, int hoursAgo) =>
        new(EventKinds.Touchpoint, touchpoint, orgUnit, hoursAgo, new Dictionary<string, double>(StringComparer.Ordinal), null);

    private static Step Score(string touchpoint, string orgUnit, int hoursAgo, string score, double value, string? fulfilment = null) =>
        new(EventKinds.Feedback, touchpoint, orgUnit, hoursAgo, new Dictionary<string, double>(StringComparer.Ordinal) { [score] = value }, fulfilment);

    private sealed record Step(string Kind, string Touchpoint, string OrgUnit, int HoursAgo, Dictionary<string, double> Scores, string? Fulfilment);
}
