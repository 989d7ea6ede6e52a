using System.Text.Json;
using CemOnPrem.Analytics.Model;
using CemOnPrem.Packs.Hosting;
using CemOnPrem.Sdk;
using CemOnPrem.Sdk.Engine.Journeys;
using CemOnPrem.Sdk.Engine.Metrics;
using CemOnPrem.Sdk.Engine.Rules;
using CemOnPrem.Sdk.Metrics;
using CemOnPrem.Analytics.Journeys;
using CemOnPrem.Analytics.Projection;
using CemOnPrem.Analytics.Rollups;

namespace CemOnPrem.Analytics.Derivation;

/// <summary>Calls a pack's custom metric calculator (through the pack host's timeout and fault isolation).</summary>
public delegate Task<MetricContribution?> CustomContribution(PackMetricCalculator calculator, MetricContext context, CancellationToken cancellationToken);

/// <summary>
/// Everything one customer contributes, derived from the customer's whole event history: journey instances
/// (replayed in occurredAt order, so late events land where they belong), the funnel / journey / time-in-stage
/// cells of each instance, and one cell per metric value, attributed to the journey and stage it belongs to.
/// A pure function of (events, model, now): the projector and the recompute both call it, which is what makes
/// "rollups = recompute" hold.
/// </summary>
public sealed class CustomerDerivation(AnalyticsModel model, CustomContribution? custom = null)
{
    public async Task<CustomerAnalyticsState> DeriveAsync(string customerId, IReadOnlyList<AnalyticsEventRow> rows, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var events = rows.OrderBy(row => row.Sequence).Select(PackEvents.From).ToList();
        var cells = new RollupCells();
        var journeys = new List<JourneyRow>();
        var runs = new List<(JourneyMachine Machine, JourneyInstance Instance)>();
        DateTimeOffset? nextDue = null;
        foreach (var machine in model.Journeys.OrderBy(m => m.Template.Id, StringComparer.Ordinal))
        {
            var moving = events.Where(machine.Moves).ToList();
            if (moving.Count == 0)
            {
                continue;
            }

            foreach (var instance in machine.Replay(moving, now))
            {
                runs.Add((machine, instance));
                journeys.Add(JourneyRowOf(customerId, instance));
                JourneyCells.Add(cells, machine.Template, instance, moving);
                if (instance.Status == JourneyStatus.Active && DueAt(machine, instance) is { } due && (nextDue is null || due < nextDue))
                {
                    nextDue = due;
                }

                // A stage's SLA running out changes no rollup, but stalled-journey case rules must notice it without a
                // new event: derive the customer again then (once: an expiry already past is not due again).
                if (instance.Status == JourneyStatus.Active && SlaExpiry(machine, instance) is { } expiry && expiry > now && (nextDue is null || expiry < nextDue))
                {
                    nextDue = expiry;
                }
            }
        }

        var attribution = new Attribution(runs);
        foreach (var metric in model.Metrics.OrderBy(m => m.Id, StringComparer.Ordinal))
        {
            await AddMetricAsync(cells, metric, events, attribution, cancellationToken).ConfigureAwait(false);
        }

        cells.RemoveEmpty();
        return new CustomerAnalyticsState(customerId, cells, journeys, nextDue);
    }

    private async Task AddMetricAsync(RollupCells cells, MetricDefinition metric, List<PackEvent> events, Attribution attribution, CancellationToken cancellationToken)
    {
        switch (metric.Kind)
        {
            case MetricKind.Nps or MetricKind.Csat or MetricKind.Ces:
                var key = metric.ScoreKey ?? metric.Kind.ToString().ToLowerInvariant();
                foreach (var e in events.Where(e => metric.Filter.Matches(e) && e.Scores.ContainsKey(key)))
                {
                    var score = e.Scores[key];
                    var cell = cells[attribution.KeyOf(metric.Id, e)];
                    cell.N++;
                    cell.A += metric.Kind switch
                    {
                        MetricKind.Nps => MetricFormulas.IsPromoter(score) ? 1 : 0,
                        MetricKind.Csat => MetricFormulas.IsTopTwoBox(score) ? 1 : 0,
                        _ => 0,
                    };
                    cell.B += metric.Kind == MetricKind.Nps && MetricFormulas.IsDetractor(score) ? 1 : 0;
                    cell.S1 += (decimal)score;
                    cell.S2 += (decimal)score * (decimal)score;
                }

                break;
            case MetricKind.Rate:
                foreach (var e in events.Where(e => (metric.Denominator ?? metric.Filter).Matches(e)))
                {
                    var cell = cells[attribution.KeyOf(metric.Id, e)];
                    cell.N++;
                    cell.A += metric.Numerator.Matches(e) ? 1 : 0;
                }

                break;
            case MetricKind.DurationPercentile:
                AddDurations(cells, metric, events, attribution);
                break;
            case MetricKind.Custom:
                await AddCustomAsync(cells, metric, events, attribution, cancellationToken).ConfigureAwait(false);
                break;
            default:
                throw new NotSupportedException($"Metric kind {metric.Kind} is not supported.");
        }
    }

    // Same pairing as the SDK's MetricCalculation: each "from" touchpoint opens a span that the next "to" closes.
    private static void AddDurations(RollupCells cells, MetricDefinition metric, List<PackEvent> events, Attribution attribution)
    {
        DateTimeOffset? started = null;
        foreach (var e in events.Where(e => e.Kind == EventKinds.Touchpoint).OrderBy(e => e.OccurredAt))
        {
            if (e.Touchpoint == metric.FromTouchpoint && started is null)
            {
                started = e.OccurredAt;
            }
            else if (e.Touchpoint == metric.ToTouchpoint && started is { } from)
            {
                var duration = e.OccurredAt - from;
                var cell = cells[attribution.KeyOf(metric.Id, e)];
                cell.N++;
                cell.S1 += duration.Ticks / (decimal)TimeSpan.TicksPerSecond;
                cell.AddToBucket(DurationBuckets.Of(duration));
                started = null;
            }
        }
    }

    private async Task AddCustomAsync(RollupCells cells, MetricDefinition metric, List<PackEvent> events, Attribution attribution, CancellationToken cancellationToken)
    {
        if (custom is null || model.CalculatorOf(metric.Id) is not { } calculator)
        {
            return; // the pack's code is not loaded (or faulted): its metric has no values
        }

        var ordered = events.OrderBy(e => e.OccurredAt).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var history = ordered.Take(i).Reverse().ToList();
            if (await custom(calculator, new MetricContext(ordered[i], history), cancellationToken).ConfigureAwait(false) is { } contribution)
            {
                var cell = cells[attribution.KeyOf(metric.Id, ordered[i])];
                cell.N++;
                cell.S1 += (decimal)contribution.Numerator;
                cell.S2 += (decimal)contribution.Denominator;
            }
        }
    }

    private static DateTimeOffset? DueAt(JourneyMachine machine, JourneyInstance instance) =>
        Durations.ParseOrNull(machine.Template.Stages[instance.Current.StageIndex].AbandonAfter) is { } limit ? instance.Current.EnteredAt + limit : null;

    private static DateTimeOffset? SlaExpiry(JourneyMachine machine, JourneyInstance instance) =>
        machine.Template.Stages[instance.Current.StageIndex].Sla is { } sla ? instance.Current.EnteredAt + Slas.CalendarApproximation(sla) : null;

    private static JourneyRow JourneyRowOf(string customerId, JourneyInstance instance) => new(
        customerId, instance.TemplateId, instance.Instance, instance.Status.ToString().ToLowerInvariant(), instance.Current.StageId,
        instance.StartedAt, instance.EndedAt,
        JsonSerializer.Serialize(instance.Stages.Select(visit => new StageVisitJson(visit.StageId, visit.EnteredAt, visit.ExitedAt)), StageVisitJson.Options));
}
