using CemOnPrem.Cases.Clocks;
using CemOnPrem.Cases.Opening;
using CemOnPrem.Cases.Routing;

namespace CemOnPrem.Cases.Rules;

/// <summary>
/// Turns a rule firing into the case to open: routed by the org tree to the rule's level, with the rule's SLA and
/// regulatory clock planned in the region's business time from the moment the rule fired (capped at now: a clock
/// never starts in the future).
/// </summary>
public sealed class CaseDrafting(ICaseClocks clocks)
{
    public async Task<NewCase> DraftAsync(string region, RuleFiring firing, CaseRouter router, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(firing);
        ArgumentNullException.ThrowIfNull(router);
        var rule = firing.Rule.Rule;
        var route = router.Route(firing.OrgUnit, rule.RouteToLevel);
        var start = firing.FiredAt < now ? firing.FiredAt : now;
        var plan = await clocks.PlanAsync(region, new CaseClockRules(rule.Sla, rule.PauseWhileAwaitingCustomer, rule.RegulatoryClock), start, cancellationToken)
            .ConfigureAwait(false);
        return new NewCase
        {
            CaseId = NewCase.NewId(),
            Region = region,
            Origin = "rule",
            OriginKey = firing.OriginKey,
            PackId = firing.Rule.PackId,
            RuleId = rule.Id,
            CaseType = rule.CaseType,
            CustomerId = firing.CustomerId,
            OrgUnit = firing.OrgUnit,
            QueueUnit = route.QueueUnit,
            RouteLevel = rule.RouteToLevel,
            RouteReason = route.Reason,
            Priority = rule.Priority,
            TriggerEvents = firing.TriggerEvents,
            OpenedAt = now,
            OpenedBy = "rule:" + firing.Rule.Name,
            Clocks = plan,
        };
    }
}
