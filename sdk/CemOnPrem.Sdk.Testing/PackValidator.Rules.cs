using CemOnPrem.Sdk.Packs;

namespace CemOnPrem.Sdk.Testing;

public static partial class PackValidator
{
    private static void ValidateRules(PackContent pack, HashSet<string> touchpoints, HashSet<string> metrics, Issues issues)
    {
        Unique(pack.Rules, r => r.Id, "rules", "rule", issues);
        foreach (var rule in pack.Rules)
        {
            var at = $"rules/{rule.Id}";
            var trigger = rule.Trigger;
            Languages(rule.Name, at, "name", issues);
            var forms = (trigger.Event is null ? 0 : 1) + (trigger.StalledJourney is null ? 0 : 1) + (trigger.Metric is null ? 0 : 1);
            issues.Check(forms == 1, at, "trigger needs exactly one of event, stalledJourney, metric.");
            issues.Check(trigger.Score is null || trigger.Event is not null, at, "a score test belongs to an event trigger.");
            CheckFilter(trigger.Event, at, touchpoints, issues);
            issues.Check(trigger.Score is null || Codes.IsValid(trigger.Score.Key), at, $"score key '{trigger.Score?.Key}' {Codes.Rule}.");
            if (trigger.StalledJourney is { } stalled)
            {
                var journey = pack.Journeys.FirstOrDefault(j => j.Id == stalled.Journey);
                issues.Check(journey is not null, at, $"stalledJourney '{stalled.Journey}' is not a journey of the pack.");
                var stage = journey?.Stages.FirstOrDefault(s => s.Id == stalled.Stage);
                issues.Check(journey is null || stage is not null, at, $"stage '{stalled.Stage}' is not a stage of '{stalled.Journey}'.");
                issues.Check(stage is null || stage.Sla is not null || stage.AbandonAfter is not null, at, $"stage '{stalled.Stage}' has neither sla nor abandonAfter, so it can never stall.");
            }

            if (trigger.Metric is { } threshold)
            {
                issues.Check(metrics.Contains(threshold.Metric), at, $"metric '{threshold.Metric}' is not a metric of the pack.");
                issues.Check(Durations.TryParse(threshold.Window, out _), at, $"window '{threshold.Window}' is not an ISO 8601 duration.");
                issues.Check(threshold.MinimumSample >= 1, at, "minimumSample must be at least 1.");
            }

            issues.Check(Codes.IsValid(rule.CaseType), at, $"caseType '{rule.CaseType}' {Codes.Rule}.");
            issues.Check(Codes.IsValid(rule.RouteToLevel), at, $"routeToLevel '{rule.RouteToLevel}' {Codes.Rule}.");
            issues.Check(rule.Sla.Amount > 0, at, "sla amount must be positive.");
            issues.Check(rule.Priority is >= 1 and <= 4, at, "priority must be 1-4.");
            issues.Check(rule.RegulatoryClock is null || rule.RegulatoryClock.Deadline.Amount > 0, at, "regulatory clock deadline must be positive.");
        }
    }

    private static void ValidateLexicons(PackContent pack, Issues issues)
    {
        foreach (var language in RequiredLanguages.Where(l => pack.Lexicons.All(x => x.Language != l)))
        {
            issues.Add("lexicons", $"no lexicon for '{language}'.");
        }

        foreach (var duplicate in pack.Lexicons.GroupBy(l => l.Language, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            issues.Add("lexicons", $"two lexicons for '{duplicate.Key}'.");
        }

        foreach (var lexicon in pack.Lexicons)
        {
            var at = $"lexicons/{lexicon.Language}";
            Unique(lexicon.Topics, t => t.Id, at, "topic", issues);
            issues.Check(lexicon.Positive.Count > 0 && lexicon.Negative.Count > 0, at, "needs positive and negative terms.");
            foreach (var topic in lexicon.Topics.Where(t => t.Terms.Count == 0 || t.Terms.Any(string.IsNullOrWhiteSpace)))
            {
                issues.Add(at, $"topic '{topic.Id}' has no (or blank) terms.");
            }
        }
    }
}
