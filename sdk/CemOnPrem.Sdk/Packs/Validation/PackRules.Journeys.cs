namespace CemOnPrem.Sdk.Packs.Validation;

public static partial class PackRules
{
    /// <returns>Every touchpoint the pack's journeys know (stage and abandonment touchpoints).</returns>
    private static HashSet<string> CheckJourneys(PackContent pack, Problems problems)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        Unique(pack.Journeys, j => j.Id, "journeys", "journey", problems);
        foreach (var journey in pack.Journeys)
        {
            var at = $"journeys/{journey.Id}";
            Languages(journey.Name, at, "name", problems);
            if (journey.Stages.Count == 0)
            {
                problems.Add("journey-stages", at, "has no stages.");
                continue;
            }

            Unique(journey.Stages, s => s.Id, at, "stage", problems);
            var stageOf = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < journey.Stages.Count; i++)
            {
                var stage = journey.Stages[i];
                var stageAt = $"{at}/stages/{stage.Id}";
                Languages(stage.Name, stageAt, "name", problems);
                // Touchpoints only move a customer forward, so a stage is reachable exactly when it has touchpoints.
                problems.Check(stage.Touchpoints.Count > 0, "journey-stages", stageAt, "has no touchpoints, so no customer can reach it.");
                foreach (var touchpoint in stage.Touchpoints)
                {
                    problems.Check(Codes.IsValid(touchpoint), "code", stageAt, $"touchpoint '{touchpoint}' {Codes.Rule}.");
                    if (!stageOf.TryAdd(touchpoint, stage.Id))
                    {
                        problems.Add("touchpoint-one-stage", stageAt, $"touchpoint '{touchpoint}' is also in stage '{stageOf[touchpoint]}'; a touchpoint must mean one stage.");
                    }
                }

                var last = i == journey.Stages.Count - 1;
                problems.Check(last || Durations.TryParse(stage.AbandonAfter, out _), "stage-timeout", stageAt,
                    "needs abandonAfter (an ISO 8601 duration such as P30D) so no customer stays in it forever.");
                problems.Check(stage.AbandonAfter is null || Durations.TryParse(stage.AbandonAfter, out _), "duration", stageAt, $"abandonAfter '{stage.AbandonAfter}' is not an ISO 8601 duration.");
                problems.Check(stage.ExpectedDuration is null || Durations.TryParse(stage.ExpectedDuration, out _), "duration", stageAt, $"expectedDuration '{stage.ExpectedDuration}' is not an ISO 8601 duration.");
                problems.Check(stage.Sla is null || stage.Sla.Amount > 0, "positive-amount", stageAt, "sla amount must be positive.");
            }

            var first = journey.Stages[0].Touchpoints;
            var final = journey.Stages[^1].Touchpoints;
            problems.Check(journey.EntryTouchpoints.Count > 0, "journey-ends", at, "has no entry touchpoints.");
            problems.Check(journey.CompletionTouchpoints.Count > 0, "journey-ends", at, "has no completion touchpoints.");
            foreach (var entry in journey.EntryTouchpoints.Where(t => !first.Contains(t)))
            {
                problems.Add("journey-ends", at, $"entry touchpoint '{entry}' is not in the first stage.");
            }

            foreach (var completion in journey.CompletionTouchpoints.Where(t => !final.Contains(t)))
            {
                problems.Add("journey-ends", at, $"completion touchpoint '{completion}' is not in the last stage.");
            }

            foreach (var abandonment in journey.AbandonmentTouchpoints.Where(stageOf.ContainsKey))
            {
                problems.Add("touchpoint-one-stage", at, $"abandonment touchpoint '{abandonment}' is also a stage touchpoint.");
            }

            known.UnionWith(stageOf.Keys);
            known.UnionWith(journey.AbandonmentTouchpoints);
        }

        return known;
    }
}
