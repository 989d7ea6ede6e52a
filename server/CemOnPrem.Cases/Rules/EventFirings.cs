using System.Globalization;
using CemOnPrem.Analytics.Derivation;
using CemOnPrem.Analytics.Projection;
using CemOnPrem.Sdk.Engine.Rules;

namespace CemOnPrem.Cases.Rules;

/// <summary>
/// The firings of event rules in one customer's events, judged by the SDK engine (<see cref="RuleEvaluation"/>) on the
/// events as the derivation reads them, so a pack behaves here as in its tests. Origin key:
/// <c>{pack}/{rule}/event:{seq}</c> (event sequence numbers survive stitching).
/// </summary>
public static class EventFirings
{
    /// <param name="scoreTests">False for a customer who objected to analytics-based processing: only rules without a
    /// score test (complaints, a legal duty) may fire for them.</param>
    public static IEnumerable<RuleFiring> Find(IReadOnlyList<PackRule> rules, IReadOnlyList<AnalyticsEventRow> events, DateTimeOffset oldest, bool scoreTests)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(events);
        var eventRules = rules.Where(r => r.Rule.Trigger.Event is not null && (scoreTests || r.Rule.Trigger.Score is null)).ToList();
        if (eventRules.Count == 0)
        {
            yield break;
        }

        foreach (var row in events.Where(e => e.OccurredAt >= oldest))
        {
            var e = PackEvents.From(row);
            foreach (var rule in eventRules.Where(r => r.Rule.FiresOn(e)))
            {
                yield return new RuleFiring(rule, string.Create(CultureInfo.InvariantCulture, $"{rule.Name}/event:{row.Sequence}"),
                    row.CustomerId, row.OrgUnit, row.OccurredAt, [row.Sequence]);
            }
        }
    }
}
