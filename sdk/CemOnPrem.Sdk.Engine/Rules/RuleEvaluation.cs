using CemOnPrem.Sdk.Engine.Journeys;
using CemOnPrem.Sdk.Journeys;
using CemOnPrem.Sdk.Engine.Metrics;
using CemOnPrem.Sdk.Metrics;
using CemOnPrem.Sdk.Rules;

namespace CemOnPrem.Sdk.Engine.Rules;

/// <summary>Decides which case rules fire for an event, a journey, or a metric value.</summary>
public static class RuleEvaluation
{
    public static bool FiresOn(this CaseRule rule, PackEvent e)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(e);
        var trigger = rule.Trigger;
        if (trigger.Event is null)
        {
            return false;
        }

        return trigger.Event.Matches(e) &&
               (trigger.Score is null || (e.Scores.TryGetValue(trigger.Score.Key, out var score) && Comparisons.Compare(score, trigger.Score.Operator, trigger.Score.Value)));
    }

    /// <summary>
    /// A journey stalls in a stage when it stays there beyond the stage's SLA (calendar approximation of
    /// business units: the case engine applies the org unit's calendar) — still active, or abandoned there.
    /// </summary>
    public static bool FiresOn(this CaseRule rule, JourneyInstance journey, JourneyTemplate template, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(journey);
        ArgumentNullException.ThrowIfNull(template);
        if (rule.Trigger.StalledJourney is not { } stalled || stalled.Journey != journey.TemplateId || journey.Status == JourneyStatus.Completed)
        {
            return false;
        }

        var visit = journey.Stages.LastOrDefault(s => s.StageId == stalled.Stage);
        var stage = template.Stages.FirstOrDefault(s => s.Id == stalled.Stage);
        if (visit is null || stage is null || visit != journey.Current)
        {
            return false;
        }

        var limit = stage.Sla is { } sla ? Slas.CalendarApproximation(sla) : Durations.ParseOrNull(stage.AbandonAfter);
        return limit is { } l && (visit.ExitedAt ?? now) - visit.EnteredAt >= l;
    }

    public static bool FiresOn(this CaseRule rule, MetricValue value)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(value);
        return rule.Trigger.Metric is { } threshold && threshold.Metric == value.MetricId && value.Value is { } v &&
               value.N >= threshold.MinimumSample && Comparisons.Compare(v, threshold.Operator, threshold.Value);
    }
}
