using System.Globalization;
using System.Text.Json;
using CemOnPrem.Analytics.Derivation;
using CemOnPrem.Analytics.Journeys;
using CemOnPrem.Analytics.Projection;
using CemOnPrem.Sdk;
using CemOnPrem.Sdk.Engine.Journeys;
using CemOnPrem.Sdk.Engine.Rules;
using CemOnPrem.Sdk.Journeys;

namespace CemOnPrem.Cases.Rules;

/// <summary>
/// The firings of stalled-journey rules in one customer's derived journeys, judged by the SDK engine
/// (<c>FiresOn(rule, journey, template, now)</c>). Origin key (as survey causes name a stage visit):
/// <c>{pack}/{rule}/journey:{customer}:{template}:{startedTicks}:stage:{stage}:{enteredTicks}</c>. The firing time is
/// when the stage's SLA (or abandon-after) ran out; the org unit is that of the event that entered the stage.
/// </summary>
public static class JourneyFirings
{
    public static IEnumerable<RuleFiring> Find(IReadOnlyList<PackRule> rules, IReadOnlyList<JourneyRow> journeys, IReadOnlyList<AnalyticsEventRow> events,
        DateTimeOffset now, DateTimeOffset oldest)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(journeys);
        ArgumentNullException.ThrowIfNull(events);
        foreach (var rule in rules.Where(r => r.Rule.Trigger.StalledJourney is not null))
        {
            var stalled = rule.Rule.Trigger.StalledJourney!;
            if (rule.Pack.Journeys.FirstOrDefault(j => j.Id == stalled.Journey) is not { } template ||
                template.Stages.FirstOrDefault(s => s.Id == stalled.Stage) is not { } stage)
            {
                continue; // the pack loader refuses such a rule; nothing to judge
            }

            foreach (var row in journeys.Where(j => j.TemplateId == template.Id))
            {
                var instance = InstanceOf(row, template);
                if (!rule.Rule.FiresOn(instance, template, now))
                {
                    continue;
                }

                var visit = instance.Current;
                var firedAt = visit.EnteredAt + LimitOf(stage);
                if (firedAt < oldest)
                {
                    continue;
                }

                var key = string.Create(CultureInfo.InvariantCulture,
                    $"{rule.Name}/journey:{row.CustomerId}:{template.Id}:{row.StartedAt.UtcTicks}:stage:{stage.Id}:{visit.EnteredAt.UtcTicks}");
                var entering = EnteringEvent(events, stage, visit.EnteredAt);
                yield return new RuleFiring(rule, key, row.CustomerId, entering?.OrgUnit, firedAt, entering is null ? [] : [entering.Sequence]);
            }
        }
    }

    /// <summary>The stored journey as the engine's instance (stage indexes from the template).</summary>
    internal static JourneyInstance InstanceOf(JourneyRow row, JourneyTemplate template)
    {
        var visits = JsonSerializer.Deserialize<List<StageVisitJson>>(row.StagesJson, StageVisitJson.Options) ?? [];
        var stages = visits.Select(v => new StageVisit(v.Stage, IndexOf(template, v.Stage), v.EnteredAt, v.ExitedAt)).ToList();
        var status = Enum.Parse<JourneyStatus>(row.Status, ignoreCase: true);
        return new JourneyInstance(row.TemplateId, row.Instance, status, row.StartedAt, row.EndedAt, stages);
    }

    private static int IndexOf(JourneyTemplate template, string stage)
    {
        for (var i = 0; i < template.Stages.Count; i++)
        {
            if (template.Stages[i].Id == stage)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The limit the engine judges by: the stage's SLA (calendar approximation), else its abandon-after.</summary>
    private static TimeSpan LimitOf(JourneyStage stage) =>
        stage.Sla is { } sla ? Slas.CalendarApproximation(sla) : Durations.ParseOrNull(stage.AbandonAfter) ?? TimeSpan.Zero;

    /// <summary>The last event at a touchpoint of the stage at or before it was entered (the one that moved the customer there).</summary>
    private static AnalyticsEventRow? EnteringEvent(IReadOnlyList<AnalyticsEventRow> events, JourneyStage stage, DateTimeOffset enteredAt) =>
        events.Where(e => e.Touchpoint is { } t && stage.Touchpoints.Contains(t) && e.OccurredAt <= enteredAt)
            .OrderBy(e => e.OccurredAt).ThenBy(e => e.Sequence).LastOrDefault()
        ?? events.Where(e => e.OrgUnit is not null && e.OccurredAt <= enteredAt).OrderBy(e => e.OccurredAt).ThenBy(e => e.Sequence).LastOrDefault();
}
