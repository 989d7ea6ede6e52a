using CemOnPrem.Sdk.Packs;

namespace CemOnPrem.Sdk.Testing;

public static partial class PackValidator
{
    /// <returns>Every touchpoint the pack's journeys know (stage and abandonment touchpoints).</returns>
    private static HashSet<string> ValidateJourneys(PackContent pack, Issues issues)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        Unique(pack.Journeys, j => j.Id, "journeys", "journey", issues);
        foreach (var journey in pack.Journeys)
        {
            var at = $"journeys/{journey.Id}";
            Languages(journey.Name, at, "name", issues);
            if (journey.Stages.Count == 0)
            {
                issues.Add(at, "has no stages.");
                continue;
            }

            Unique(journey.Stages, s => s.Id, at, "stage", issues);
            var stageOf = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < journey.Stages.Count; i++)
            {
                var stage = journey.Stages[i];
                var stageAt = $"{at}/stages/{stage.Id}";
                Languages(stage.Name, stageAt, "name", issues);
                // Touchpoints only move a customer forward, so a stage is reachable exactly when it has touchpoints.
                issues.Check(stage.Touchpoints.Count > 0, stageAt, "has no touchpoints, so no customer can reach it.");
                foreach (var touchpoint in stage.Touchpoints)
                {
                    issues.Check(Codes.IsValid(touchpoint), stageAt, $"touchpoint '{touchpoint}' {Codes.Rule}.");
                    if (!stageOf.TryAdd(touchpoint, stage.Id))
                    {
                        issues.Add(stageAt, $"touchpoint '{touchpoint}' is also in stage '{stageOf[touchpoint]}'; a touchpoint must mean one stage.");
                    }
                }

                var last = i == journey.Stages.Count - 1;
                issues.Check(last || Durations.TryParse(stage.AbandonAfter, out _), stageAt,
                    "needs abandonAfter (an ISO 8601 duration such as P30D) so no customer stays in it forever.");
                issues.Check(stage.AbandonAfter is null || Durations.TryParse(stage.AbandonAfter, out _), stageAt, $"abandonAfter '{stage.AbandonAfter}' is not an ISO 8601 duration.");
                issues.Check(stage.ExpectedDuration is null || Durations.TryParse(stage.ExpectedDuration, out _), stageAt, $"expectedDuration '{stage.ExpectedDuration}' is not an ISO 8601 duration.");
                issues.Check(stage.Sla is null || stage.Sla.Amount > 0, stageAt, "sla amount must be positive.");
            }

            var first = journey.Stages[0].Touchpoints;
            var final = journey.Stages[^1].Touchpoints;
            issues.Check(journey.EntryTouchpoints.Count > 0, at, "has no entry touchpoints.");
            issues.Check(journey.CompletionTouchpoints.Count > 0, at, "has no completion touchpoints.");
            foreach (var entry in journey.EntryTouchpoints.Where(t => !first.Contains(t)))
            {
                issues.Add(at, $"entry touchpoint '{entry}' is not in the first stage.");
            }

            foreach (var completion in journey.CompletionTouchpoints.Where(t => !final.Contains(t)))
            {
                issues.Add(at, $"completion touchpoint '{completion}' is not in the last stage.");
            }

            foreach (var abandonment in journey.AbandonmentTouchpoints.Where(stageOf.ContainsKey))
            {
                issues.Add(at, $"abandonment touchpoint '{abandonment}' is also a stage touchpoint.");
            }

            known.UnionWith(stageOf.Keys);
            known.UnionWith(journey.AbandonmentTouchpoints);
        }

        return known;
    }
}
