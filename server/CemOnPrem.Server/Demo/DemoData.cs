using System.Globalization;
using CemOnPrem.Contracts.Customers;
using CemOnPrem.Sdk;
using CemOnPrem.Storage.Events;

namespace CemOnPrem.Server.Demo;

/// <summary>Deterministic synthetic customers: branches, app, call centre and dealers, with NPS/CSAT/CES feedback.</summary>
internal static class DemoData
{
    private static readonly string[] Touchpoints =
        ["branch-visit", "app-login", "call-centre-call", "loan-application", "claim-fnol", "store-purchase", "dealer-service-visit"];

    private static readonly string[] Sources = ["branch-tablet", "mobile-app", "call-centre", "dealer-dms"];

    private static readonly string[] Comments =
        ["Quick and friendly service.", "Waited too long at the counter.", "The app kept logging me out.", "Advisor explained everything clearly."];

    public static IReadOnlyList<NewEvent> Generate(IReadOnlyList<string> regions, int customers, DateTimeOffset now)
    {
        var random = new Random(20261122);
        var events = new List<NewEvent>();
        var start = now.AddDays(-60);
        for (var c = 0; c < customers; c++)
        {
            var region = regions[c % regions.Count];
            var orgUnits = OrgUnitsOf(region);
            var identities = new List<CustomerIdentity> { new("account", string.Create(CultureInfo.InvariantCulture, $"DEMO-{region}-{c:D6}")) };
            if (c % 3 == 0)
            {
                identities.Add(new("email", string.Create(CultureInfo.InvariantCulture, $"demo.customer{c}@example.invalid")));
            }

            var at = start.AddMinutes(random.Next(0, 60 * 24 * 30));
            var count = random.Next(1, 7);
            for (var k = 0; k < count; k++)
            {
                at = at.AddMinutes(random.Next(10, 60 * 24 * 4));
                var touchpoint = Touchpoints[random.Next(Touchpoints.Length)];
                var isFeedback = random.NextDouble() < 0.4;
                var scores = new Dictionary<string, double>(StringComparer.Ordinal);
                if (isFeedback)
                {
                    scores["nps"] = random.Next(0, 11);
                    if (random.NextDouble() < 0.5)
                    {
                        scores["csat"] = random.Next(1, 6);
                    }
                    else
                    {
                        scores["ces"] = random.Next(1, 8);
                    }
                }

                events.Add(new NewEvent(
                    Sources[random.Next(Sources.Length)],
                    string.Create(CultureInfo.InvariantCulture, $"demo-{region}-{c:D6}-{k}"),
                    region,
                    isFeedback ? EventKinds.Feedback : EventKinds.Touchpoint,
                    touchpoint,
                    orgUnits[random.Next(orgUnits.Length)],
                    at < now ? at : now,
                    identities,
                    new Dictionary<string, string>(StringComparer.Ordinal) { ["channel"] = touchpoint.StartsWith("app", StringComparison.Ordinal) ? "mobile" : "assisted" },
                    scores,
                    isFeedback && random.NextDouble() < 0.3 ? Comments[random.Next(Comments.Length)] : null));
            }
        }

        return events;
    }

    internal static string[] OrgUnitsOf(string region) => region switch
    {
        "cn-east" => ["cn-sh-branch-01", "cn-sh-branch-02", "cn-hz-branch-01", "cn-sh-dealer-01"],
        "eu-central" => ["de-fra-branch-01", "de-muc-branch-01", "at-vie-branch-01", "de-fra-dealer-01"],
        _ => [region + "-branch-01", region + "-branch-02"],
    };
}
