namespace CemOnPrem.Sdk.Packs.Validation;

public static partial class PackRules
{
    private static void CheckCaseRules(PackContent pack, HashSet<string> touchpoints, HashSet<string> metrics, Problems problems)
    {
        Unique(pack.Rules, r => r.Id, "rules", "rule", problems);
        foreach (var rule in pack.Rules)
        {
            var at = $"rules/{rule.Id}";
            var trigger = rule.Trigger;
            Languages(rule.Name, at, "name", problems);
            var forms = (trigger.Event is null ? 0 : 1) + (trigger.StalledJourney is null ? 0 : 1) + (trigger.Metric is null ? 0 : 1);
            problems.Check(forms == 1, "rule-trigger", at, "trigger needs exactly one of event, stalledJourney, metric.");
            problems.Check(trigger.Score is null || trigger.Event is not null, "rule-trigger", at, "a score test belongs to an event trigger.");
            CheckFilter(trigger.Event, at, touchpoints, problems);
            problems.Check(trigger.Score is null || Codes.IsValid(trigger.Score.Key), "code", at, $"score key '{trigger.Score?.Key}' {Codes.Rule}.");
            if (trigger.StalledJourney is { } stalled)
            {
                var journey = pack.Journeys.FirstOrDefault(j => j.Id == stalled.Journey);
                problems.Check(journey is not null, "rule-trigger", at, $"stalledJourney '{stalled.Journey}' is not a journey of the pack.");
                var stage = journey?.Stages.FirstOrDefault(s => s.Id == stalled.Stage);
                problems.Check(journey is null || stage is not null, "rule-trigger", at, $"stage '{stalled.Stage}' is not a stage of '{stalled.Journey}'.");
                problems.Check(stage is null || stage.Sla is not null || stage.AbandonAfter is not null, "rule-trigger", at, $"stage '{stalled.Stage}' has neither sla nor abandonAfter, so it can never stall.");
            }

            if (trigger.Metric is { } threshold)
            {
                problems.Check(metrics.Contains(threshold.Metric), "rule-trigger", at, $"metric '{threshold.Metric}' is not a metric of the pack.");
                problems.Check(Durations.TryParse(threshold.Window, out _), "duration", at, $"window '{threshold.Window}' is not an ISO 8601 duration.");
                problems.Check(threshold.MinimumSample >= 1, "rule-trigger", at, "minimumSample must be at least 1.");
            }

            problems.Check(Codes.IsValid(rule.CaseType), "code", at, $"caseType '{rule.CaseType}' {Codes.Rule}.");
            problems.Check(Codes.IsValid(rule.RouteToLevel), "code", at, $"routeToLevel '{rule.RouteToLevel}' {Codes.Rule}.");
            problems.Check(rule.Sla.Amount > 0, "positive-amount", at, "sla amount must be positive.");
            problems.Check(rule.Priority is >= 1 and <= 4, "rule-case", at, "priority must be 1-4.");
            problems.Check(rule.RegulatoryClock is null || rule.RegulatoryClock.Deadline.Amount > 0, "positive-amount", at, "regulatory clock deadline must be positive.");
            Unique(rule.RootCauses, c => c.Code, $"{at}/rootCauses", "root cause", problems);
            foreach (var cause in rule.RootCauses)
            {
                problems.Check(Codes.IsValid(cause.Code), "code", at, $"root cause '{cause.Code}' {Codes.Rule}.");
                Languages(cause.Name, $"{at}/rootCauses/{cause.Code}", "name", problems);
            }
        }
    }
}
