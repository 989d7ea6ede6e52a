using CemOnPrem.Cases.Clocks;
using CemOnPrem.Cases.Opening;
using CemOnPrem.Sdk.Rules;
using CemOnPrem.Storage.Databases;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Cases.Handling;

/// <summary>
/// Opens a case by hand through the one insert (<see cref="CaseOpening"/>): clocks and priority from an active pack
/// rule with the case type (the case then carries that rule, so its root-cause codes apply), else from
/// <c>Cem:Cases:ManualDefaults</c>; an SLA given in the request wins. The case goes to the given org unit's queue.
/// </summary>
internal sealed class ManualCases(RegionDatabases regions, CaseRuleLookup rules, ICaseClocks clocks, IOptions<CaseHandlingOptions> options, TimeProvider time)
{
    public async Task<string> OpenAsync(ManualCase request, CancellationToken cancellationToken)
    {
        var rule = rules.ForCaseType(request.CaseType);
        var defaults = options.Value.ManualDefaults;
        var clockRules = rule is { Rule: var r }
            ? new CaseClockRules(request.Sla ?? r.Sla, r.PauseWhileAwaitingCustomer, r.RegulatoryClock)
            : new CaseClockRules(request.Sla ?? defaults.Sla, defaults.SlaPausable, null);
        var now = time.GetUtcNow();
        var plan = await clocks.PlanAsync(request.Region, clockRules, now, cancellationToken).ConfigureAwait(false);
        var draft = new NewCase
        {
            CaseId = NewCase.NewId(),
            Region = request.Region,
            Origin = "manual",
            PackId = rule?.PackId,
            RuleId = rule?.Rule.Id,
            CaseType = request.CaseType,
            CustomerId = request.CustomerId,
            OrgUnit = request.OrgUnit,
            QueueUnit = request.OrgUnit,
            RouteReason = "opened by hand for this unit",
            Priority = request.Priority ?? rule?.Rule.Priority ?? 3,
            OpenedAt = now,
            OpenedBy = request.Actor,
            Clocks = plan,
        };
        await using var connection = await regions.For(request.Region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await CaseOpening.InsertAsync(connection, transaction, [draft], cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return draft.CaseId;
    }
}

/// <summary>A validated manual opening.</summary>
internal sealed record ManualCase(string Region, string OrgUnit, string CaseType, int? Priority, string? CustomerId, CemOnPrem.Sdk.Journeys.Sla? Sla, string Actor);
