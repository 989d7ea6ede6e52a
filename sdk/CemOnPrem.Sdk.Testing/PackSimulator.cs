using CemOnPrem.Sdk.Engine.Journeys;
using CemOnPrem.Sdk.Engine.Metrics;
using CemOnPrem.Sdk.Engine.Rules;
using CemOnPrem.Sdk.Metrics;
using CemOnPrem.Sdk.Packs;

namespace CemOnPrem.Sdk.Testing;

/// <summary>
/// Runs a pack over a list of events with the server's engine: the journey instances each customer goes
/// through, every metric of the pack over all events, and the alerts (case rules) that fire.
/// </summary>
public sealed class PackSimulator(PackContent pack, IPackCode? code = null)
{
    public SimulationResult Run(IEnumerable<PackEvent> events, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(events);
        var all = events.OrderBy(e => e.OccurredAt).ToList();
        var journeys = new List<CustomerJourney>();
        foreach (var template in pack.Journeys)
        {
            var machine = new JourneyMachine(template);
            foreach (var customer in all.GroupBy(e => e.CustomerKey, StringComparer.Ordinal))
            {
                journeys.AddRange(machine.Replay(customer, now).Select(instance => new CustomerJourney(customer.Key, instance)));
            }
        }

        var calculators = code?.MetricCalculators.ToDictionary(c => c.MetricId, StringComparer.Ordinal) ?? [];
        var metrics = pack.Metrics.ToDictionary(
            m => m.Id,
            m => new MetricCalculation(m, calculators.GetValueOrDefault(m.Id)).Compute(all),
            StringComparer.Ordinal);
        return new SimulationResult(journeys, metrics, Alerts(all, journeys, metrics, now));
    }

    private List<Alert> Alerts(List<PackEvent> events, List<CustomerJourney> journeys, Dictionary<string, MetricValue> metrics, DateTimeOffset now)
    {
        var alerts = new List<Alert>();
        foreach (var rule in pack.Rules)
        {
            alerts.AddRange(events.Where(rule.FiresOn).Select(e =>
                new Alert(rule.Id, rule.CaseType, rule.RouteToLevel, e.CustomerKey, e.OrgUnit, e.OccurredAt, $"event {e.Touchpoint}")));
            foreach (var journey in journeys)
            {
                var template = pack.Journeys.First(j => j.Id == journey.Instance.TemplateId);
                if (rule.FiresOn(journey.Instance, template, now))
                {
                    alerts.Add(new Alert(rule.Id, rule.CaseType, rule.RouteToLevel, journey.CustomerKey, null, now,
                        $"journey {template.Id} stalled in {journey.Instance.Current.StageId}"));
                }
            }

            alerts.AddRange(metrics.Values.Where(rule.FiresOn).Select(value =>
                new Alert(rule.Id, rule.CaseType, rule.RouteToLevel, null, null, now, $"metric {value.MetricId} = {value.Value}")));
        }

        return alerts;
    }
}

public sealed record CustomerJourney(string CustomerKey, JourneyInstance Instance);

public sealed record SimulationResult(
    IReadOnlyList<CustomerJourney> Journeys,
    IReadOnlyDictionary<string, MetricValue> Metrics,
    IReadOnlyList<Alert> Alerts);

/// <summary>A case rule that fired: the case it would open and for whom.</summary>
public sealed record Alert(string RuleId, string CaseType, string RouteToLevel, string? CustomerKey, string? OrgUnit, DateTimeOffset At, string Reason);
