using CemOnPrem.Analytics.Projection;
using CemOnPrem.Http.OrgUnits;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Cases.Rules;

/// <summary>
/// Evaluates the active packs' event and stalled-journey rules as an output of the analytics projection: for each
/// customer the cycle derived, every firing younger than <c>MaxAgeDays</c> without a case yet is routed, gets its
/// clocks and is inserted through <see cref="Opening.CaseOpening"/> in the cycle's transaction — it commits with the new
/// watermark, and the origin key makes a replay, a re-run cycle or a second node a no-op. Customers who objected to
/// analytics-based processing get cases only from rules without a score test (complaints: a legal duty). Event rules'
/// cases are usually opened before the cycle by <see cref="EventRuleFastPath"/>; for them the cycle is the backstop that
/// finds every firing the fast path missed (a node restart, a failed read) and opens nothing twice.
/// </summary>
public sealed partial class CaseRuleObserver(ActiveCaseRules rules, CaseDrafting drafting, OrgTreeCache orgTrees, IOptions<CaseRulesOptions> options,
    ILogger<CaseRuleObserver> logger) : IProjectionObserver
{
    private readonly CaseRuleOpening _opening = new(drafting, orgTrees);

    public async Task ObserveAsync(ProjectionObservation observation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var active = rules.Current().Where(r => r.Rule.Trigger.Metric is null).ToList();
        if (active.Count == 0 || observation.States.Count == 0)
        {
            return;
        }

        var oldest = observation.Now.AddDays(-options.Value.MaxAgeDays);
        var customers = observation.States.Select(s => s.CustomerId).ToList();
        var excluded = await ExcludedCustomers.AmongAsync(observation.Connection, observation.Transaction, customers, cancellationToken).ConfigureAwait(false);
        var excludedEvents = active.Any(r => r.Rule.Trigger.Event is not null && r.Rule.Trigger.Score is null)
            ? await ExcludedCustomers.EventsAsync(observation.Connection, observation.Transaction, excluded, oldest, cancellationToken).ConfigureAwait(false)
            : [];
        var firings = new List<RuleFiring>();
        foreach (var state in observation.States)
        {
            if (excluded.Contains(state.CustomerId))
            {
                firings.AddRange(EventFirings.Find(active, excludedEvents.GetValueOrDefault(state.CustomerId) ?? [], oldest, scoreTests: false));
                continue;
            }

            var events = observation.Events.GetValueOrDefault(state.CustomerId) ?? [];
            firings.AddRange(EventFirings.Find(active, events, oldest, scoreTests: true));
            firings.AddRange(JourneyFirings.Find(active, state.Journeys, events, observation.Now, oldest));
        }

        var opened = await _opening.OpenAsync(observation.Connection, observation.Transaction, observation.Region, observation.Now, firings, cancellationToken)
            .ConfigureAwait(false);
        if (opened > 0)
        {
            LogOpened(logger, observation.Region, opened);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Case rules in region {Region}: {Opened} cases opened")]
    private static partial void LogOpened(ILogger logger, string region, int opened);
}
