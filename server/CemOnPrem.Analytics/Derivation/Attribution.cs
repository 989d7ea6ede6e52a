using CemOnPrem.Sdk.Engine.Journeys;
using CemOnPrem.Sdk.Metrics;
using CemOnPrem.Analytics.Rollups;

namespace CemOnPrem.Analytics.Derivation;

/// <summary>
/// Decides which journey and stage a metric value belongs to, so that each value is counted once:
/// (1) when its touchpoint is a stage touchpoint of a template, the customer's latest instance of that template
/// started at or before the event, at that touchpoint's stage (a survey after "account-opened" belongs to the
/// account-opening journey even though the journey has just completed); (2) otherwise the latest instance running
/// at that moment, at the stage it was in; (3) otherwise no journey.
/// </summary>
internal sealed class Attribution(IReadOnlyList<(JourneyMachine Machine, JourneyInstance Instance)> runs)
{
    public RollupKey KeyOf(string metricId, PackEvent e)
    {
        var (journey, stage) = Find(e);
        return new RollupKey(metricId, JourneyCells.Day(e.OccurredAt), e.OrgUnit ?? "", journey, stage);
    }

    private (string Journey, string Stage) Find(PackEvent e)
    {
        (JourneyInstance Instance, string Stage)? best = null;
        foreach (var (machine, instance) in runs)
        {
            if (instance.StartedAt > e.OccurredAt || StageOf(machine, e.Touchpoint) is not { } stage)
            {
                continue;
            }

            if (best is null || IsLater(instance, best.Value.Instance))
            {
                best = (instance, stage);
            }
        }

        if (best is null)
        {
            foreach (var (_, instance) in runs)
            {
                if (instance.StartedAt <= e.OccurredAt && (instance.EndedAt is null || e.OccurredAt < instance.EndedAt) &&
                    (best is null || IsLater(instance, best.Value.Instance)))
                {
                    best = (instance, instance.Stages.Last(visit => visit.EnteredAt <= e.OccurredAt).StageId);
                }
            }
        }

        return best is { } found ? (found.Instance.TemplateId, found.Stage) : ("", "");
    }

    private static bool IsLater(JourneyInstance candidate, JourneyInstance current) =>
        candidate.StartedAt > current.StartedAt ||
        (candidate.StartedAt == current.StartedAt && string.CompareOrdinal(candidate.TemplateId, current.TemplateId) < 0);

    private static string? StageOf(JourneyMachine machine, string? touchpoint) =>
        touchpoint is null ? null : machine.Template.Stages.FirstOrDefault(stage => stage.Touchpoints.Contains(touchpoint))?.Id;
}
