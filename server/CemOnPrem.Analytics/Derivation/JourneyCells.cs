using CemOnPrem.Analytics.Model;
using CemOnPrem.Sdk.Engine.Journeys;
using CemOnPrem.Sdk.Journeys;
using CemOnPrem.Sdk.Metrics;
using CemOnPrem.Analytics.Rollups;

namespace CemOnPrem.Analytics.Derivation;

/// <summary>The funnel, journey and time-in-stage cells of one journey instance (see <see cref="BuiltInMetrics"/>).</summary>
internal static class JourneyCells
{
    public static void Add(RollupCells cells, JourneyTemplate template, JourneyInstance instance, IReadOnlyList<PackEvent> moving)
    {
        var first = instance.Stages[0];
        var journey = cells[new RollupKey(BuiltInMetrics.Journeys, Day(instance.StartedAt), OrgUnitOf(template, first, moving), template.Id, "")];
        journey.N++;
        journey.A += instance.Status == JourneyStatus.Completed ? 1 : 0;
        journey.B += instance.Status == JourneyStatus.Abandoned ? 1 : 0;
        for (var i = 0; i < instance.Stages.Count; i++)
        {
            var visit = instance.Stages[i];
            var isLast = i == instance.Stages.Count - 1;
            var movedOn = !isLast || instance.Status == JourneyStatus.Completed;
            var orgUnit = OrgUnitOf(template, visit, moving);
            var funnel = cells[new RollupKey(BuiltInMetrics.Funnel, Day(visit.EnteredAt), orgUnit, template.Id, visit.StageId)];
            funnel.N++;
            funnel.A += movedOn ? 1 : 0;
            funnel.B += isLast && instance.Status == JourneyStatus.Abandoned ? 1 : 0;
            // The stage a journey completes in usually lasts no time at all (the completion touchpoint enters it):
            // count it only when the customer really spent time there.
            if (movedOn && visit.ExitedAt is { } exited && (!isLast || exited > visit.EnteredAt))
            {
                var duration = exited - visit.EnteredAt;
                var time = cells[new RollupKey(BuiltInMetrics.TimeInStage, Day(exited), orgUnit, template.Id, visit.StageId)];
                time.N++;
                time.S1 += duration.Ticks / (decimal)TimeSpan.TicksPerSecond;
                time.AddToBucket(DurationBuckets.Of(duration));
            }
        }
    }

    public static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);

    /// <summary>The org unit of the touchpoint event that entered the stage (the first such event at that moment).</summary>
    private static string OrgUnitOf(JourneyTemplate template, StageVisit visit, IReadOnlyList<PackEvent> moving)
    {
        var stage = template.Stages[visit.StageIndex];
        foreach (var e in moving)
        {
            if (e.OccurredAt == visit.EnteredAt && e.Touchpoint is { } touchpoint && stage.Touchpoints.Contains(touchpoint))
            {
                return e.OrgUnit ?? "";
            }
        }

        return "";
    }
}
