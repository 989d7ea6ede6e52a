using System.Globalization;
using System.Text.Json;
using System.Xml;
using CemOnPrem.Analytics.Derivation;
using CemOnPrem.Sdk.Surveys;
using CemOnPrem.Analytics.Journeys;
using CemOnPrem.Analytics.Projection;

namespace CemOnPrem.Governance.Surveys;

/// <summary>
/// One occurrence of a survey's trigger: an event at the touchpoint, a journey entering the stage, a journey completing.
/// <see cref="Cause"/> names the occurrence stably across re-derivations (event sequence numbers survive stitching).
/// </summary>
public sealed record SurveyCause(string Cause, DateTimeOffset OccurredAt, DateTimeOffset DueAt)
{
    /// <summary>The trigger's occurrences in one customer's events and derived journeys.</summary>
    public static IEnumerable<SurveyCause> Find(SurveyTrigger trigger, IReadOnlyList<AnalyticsEventRow> events, IReadOnlyList<JourneyRow> journeys)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        var delay = DelayOf(trigger);
        if (trigger.Touchpoint is { } touchpoint)
        {
            foreach (var e in events.Where(e => e.Touchpoint == touchpoint))
            {
                yield return new SurveyCause(string.Create(CultureInfo.InvariantCulture, $"event:{e.Sequence}"), e.OccurredAt, e.OccurredAt + delay);
            }
        }

        if (trigger.Journey is not { } template)
        {
            yield break;
        }

        foreach (var journey in journeys.Where(j => j.TemplateId == template))
        {
            var instance = string.Create(CultureInfo.InvariantCulture, $"journey:{journey.CustomerId}:{template}:{journey.StartedAt.UtcTicks}");
            if (trigger.Stage is { } stage)
            {
                var visits = JsonSerializer.Deserialize<List<StageVisitJson>>(journey.StagesJson, StageVisitJson.Options) ?? [];
                foreach (var visit in visits.Where(v => v.Stage == stage))
                {
                    yield return new SurveyCause(string.Create(CultureInfo.InvariantCulture, $"{instance}:stage:{stage}:{visit.EnteredAt.UtcTicks}"),
                        visit.EnteredAt, visit.EnteredAt + delay);
                }
            }

            if (trigger.OnCompletion && journey.Status == "completed" && journey.EndedAt is { } ended)
            {
                yield return new SurveyCause($"{instance}:completed", ended, ended + delay);
            }
        }
    }

    private static TimeSpan DelayOf(SurveyTrigger trigger)
    {
        if (string.IsNullOrEmpty(trigger.Delay))
        {
            return TimeSpan.Zero;
        }

        try
        {
            return XmlConvert.ToTimeSpan(trigger.Delay);
        }
        catch (FormatException)
        {
            return TimeSpan.Zero; // the pack loader validates delays; an unreadable one sends at once rather than never
        }
    }
}
