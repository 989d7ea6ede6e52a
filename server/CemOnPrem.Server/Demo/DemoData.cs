using System.Globalization;
using CemOnPrem.Contracts.Customers;
using CemOnPrem.Sdk;
using CemOnPrem.Sdk.Journeys;
using CemOnPrem.Storage.Events;

namespace CemOnPrem.Server.Demo;

/// <summary>
/// Deterministic synthetic customers who go through the loaded packs' journeys: each customer walks one to
/// three journeys stage by stage (some drop out, some withdraw, most complete), answers a survey at the end,
/// and a share give a relationship NPS. Without packs, customers only give feedback.
/// </summary>
internal static class DemoData
{
    private const double DropOut = 0.12;

    private static readonly string[] Comments =
        ["Quick and friendly service.", "Waited too long at the counter.", "The app kept logging me out.", "Advisor explained everything clearly."];

    public static IReadOnlyList<NewEvent> Generate(IReadOnlyList<string> regions, IReadOnlyList<JourneyTemplate> journeys, int customers, DateTimeOffset now)
    {
        var random = new Random(20261122);
        var events = new List<NewEvent>();
        var templates = journeys.OrderBy(t => t.Id, StringComparer.Ordinal).ToList();
        for (var c = 0; c < customers; c++)
        {
            var region = regions[c % regions.Count];
            var customer = new DemoCustomer(region, c, DemoOrgTree.LeafCodes(region), now, random, events);
            var count = templates.Count == 0 ? 0 : random.Next(1, 4);
            for (var j = 0; j < count; j++)
            {
                customer.Walk(templates[random.Next(templates.Count)], now.AddDays(-random.Next(1, 90)).AddMinutes(random.Next(0, 24 * 60)));
            }

            if (templates.Count == 0 || random.NextDouble() < 0.2)
            {
                customer.Feedback(null, now.AddDays(-random.Next(0, 60)), "relationship");
            }
        }

        events.AddRange(regions.SelectMany(region => DemoCaseTriggers.For(region, templates, now)));
        return events;
    }

    /// <summary>One synthetic customer writing events into the shared list.</summary>
    private sealed class DemoCustomer(string region, int number, string[] orgUnits, DateTimeOffset now, Random random, List<NewEvent> events)
    {
        private readonly List<CustomerIdentity> _identities =
        [
            new("account", string.Create(CultureInfo.InvariantCulture, $"DEMO-{region}-{number:D6}")),
            .. number % 3 == 0 ? [new CustomerIdentity("email", string.Create(CultureInfo.InvariantCulture, $"demo.customer{number}@example.invalid"))] : Array.Empty<CustomerIdentity>(),
        ];

        private readonly string _homeUnit = orgUnits[random.Next(orgUnits.Length)];
        private int _sequence;

        public void Walk(JourneyTemplate template, DateTimeOffset at)
        {
            for (var s = 0; s < template.Stages.Count; s++)
            {
                var stage = template.Stages[s];
                var touchpoints = s == 0
                    ? [template.EntryTouchpoints[0], .. stage.Touchpoints.Where(t => t != template.EntryTouchpoints[0] && !template.CompletionTouchpoints.Contains(t))]
                    : stage.Touchpoints.Where(t => !template.EntryTouchpoints.Contains(t) && !template.CompletionTouchpoints.Contains(t)).ToList();
                foreach (var touchpoint in touchpoints)
                {
                    Touch(touchpoint, at);
                    at = at.AddMinutes(random.Next(2, 30));
                }

                if (random.NextDouble() < DropOut)
                {
                    if (template.AbandonmentTouchpoints.Count > 0 && random.NextDouble() < 0.5)
                    {
                        Touch(template.AbandonmentTouchpoints[random.Next(template.AbandonmentTouchpoints.Count)], at.AddHours(random.Next(1, 48)));
                    }

                    return; // otherwise the stage times out and the journey counts as abandoned
                }

                at = at.Add(TimeInStage(stage));
            }

            var completion = template.CompletionTouchpoints[0];
            Touch(completion, at);
            if (random.NextDouble() < 0.7)
            {
                Feedback(completion, at.AddHours(random.Next(1, 24)), "transactional");
            }
        }

        public void Feedback(string? touchpoint, DateTimeOffset at, string surveyType)
        {
            // Skewed like real answers: most are satisfied, a tail is not.
            var nps = Math.Clamp((int)Math.Round(8 + (random.NextDouble() * 4) - (random.NextDouble() < 0.25 ? random.Next(3, 9) : 0)), 0, 10);
            var scores = new Dictionary<string, double>(StringComparer.Ordinal) { ["nps"] = nps, ["csat"] = Math.Clamp((nps / 2) + random.Next(-1, 2), 1, 5) };
            if (random.NextDouble() < 0.5)
            {
                scores["ces"] = Math.Clamp(7 - (nps / 2) + random.Next(-1, 2), 1, 7);
            }

            Add(EventKinds.Feedback, touchpoint, at, scores, surveyType, random.NextDouble() < 0.3 ? Comments[random.Next(Comments.Length)] : null);
        }

        private void Touch(string touchpoint, DateTimeOffset at) =>
            Add(EventKinds.Touchpoint, touchpoint, at, new Dictionary<string, double>(StringComparer.Ordinal), null, null);

        private TimeSpan TimeInStage(JourneyStage stage)
        {
            var expected = Durations.ParseOrNull(stage.ExpectedDuration) ?? TimeSpan.FromHours(4);
            return TimeSpan.FromTicks((long)(expected.Ticks * (0.3 + (random.NextDouble() * 2.5))));
        }

        private void Add(string kind, string? touchpoint, DateTimeOffset at, Dictionary<string, double> scores, string? surveyType, string? text)
        {
            if (at > now)
            {
                return; // the journey has not got that far yet
            }

            var attributes = new Dictionary<string, string>(StringComparer.Ordinal) { ["channel"] = random.NextDouble() < 0.3 ? "mobile" : "assisted" };
            if (surveyType is not null)
            {
                attributes["survey-type"] = surveyType;
            }

            events.Add(new NewEvent(
                kind == EventKinds.Feedback ? "survey" : "demo-channel",
                string.Create(CultureInfo.InvariantCulture, $"demo2-{region}-{number:D6}-{_sequence++}"),
                region, kind, touchpoint, random.NextDouble() < 0.8 ? _homeUnit : orgUnits[random.Next(orgUnits.Length)], at,
                _identities, attributes, scores, text));
        }
    }
}
