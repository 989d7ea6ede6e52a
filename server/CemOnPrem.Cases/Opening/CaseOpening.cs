using CemOnPrem.Cases.Clocks;
using Dapper;
using Npgsql;

namespace CemOnPrem.Cases.Opening;

/// <summary>
/// Inserts cases and their <c>opened</c> history entries in the caller's transaction (the projection cycle's for rule
/// firings, the request's for manual cases). A case whose origin key is already stored is skipped. Two statements for any
/// number of cases (arrays through <c>unnest</c>): a detractor burst opens thousands of cases per projection cycle.
/// Instants are stored as given, converted to UTC (a timestamptz parameter takes offset 0 only). Rows go in in origin-key
/// order: two transactions opening overlapping firings (the projection and the event-rule fast path) then wait for each
/// other's keys in the same order instead of deadlocking.
/// </summary>
public static class CaseOpening
{
    /// <returns>The ids of the cases actually inserted, in input order.</returns>
    public static async Task<IReadOnlyList<string>> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<NewCase> cases, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(cases);
        if (cases.Count == 0)
        {
            return [];
        }

        var inserted = (await connection.QueryAsync<string>(new CommandDefinition(
            """
            insert into cases (case_id, region, origin, origin_key, pack_id, rule_id, case_type, customer_id, org_unit, queue_unit,
                route_level, route_reason, priority, state, trigger_events, opened_at, opened_by,
                sla_unit, sla_due_at, sla_warn_at, sla_pausable, reg_name, reg_unit, reg_due_at, reg_warn_at, reg_pausable, updated_at)
            select c.id, c.region, c.origin, c.origin_key, c.pack, c.rule, c.type, c.customer, c.org_unit, c.queue,
                c.level, c.reason, c.priority, 'new', coalesce(string_to_array(c.triggers, ',')::bigint[], '{}'), c.opened, c.opened_by,
                c.sla_unit, c.sla_due, c.sla_warn, c.sla_pausable, c.reg_name, c.reg_unit, c.reg_due, c.reg_warn, c.reg_pausable, c.opened
            from unnest(@ids, @regions, @origins, @originKeys, @packs, @rules, @types, @customers, @orgUnits, @queues, @levels, @reasons,
                        @priorities, @triggers, @openedAts, @openedBys, @slaUnits, @slaDues, @slaWarns, @slaPausables,
                        @regNames, @regUnits, @regDues, @regWarns, @regPausables)
                as c (id, region, origin, origin_key, pack, rule, type, customer, org_unit, queue, level, reason,
                      priority, triggers, opened, opened_by, sla_unit, sla_due, sla_warn, sla_pausable,
                      reg_name, reg_unit, reg_due, reg_warn, reg_pausable)
            order by c.origin_key
            on conflict (origin_key) do nothing
            returning case_id
            """,
            new
            {
                ids = Column(cases, c => c.CaseId),
                regions = Column(cases, c => c.Region),
                origins = Column(cases, c => c.Origin),
                originKeys = Column(cases, c => c.OriginKey),
                packs = Column(cases, c => c.PackId),
                rules = Column(cases, c => c.RuleId),
                types = Column(cases, c => c.CaseType),
                customers = Column(cases, c => c.CustomerId),
                orgUnits = Column(cases, c => c.OrgUnit),
                queues = Column(cases, c => c.QueueUnit),
                levels = Column(cases, c => c.RouteLevel),
                reasons = Column(cases, c => c.RouteReason),
                priorities = Column(cases, c => (short)c.Priority),
                // bigint[] per row cannot be an unnest argument (arrays of arrays must be rectangular): a joined text
                triggers = Column(cases, c => c.TriggerEvents.Count == 0 ? null : string.Join(',', c.TriggerEvents)),
                openedAts = Column(cases, c => c.OpenedAt.ToUniversalTime()),
                openedBys = Column(cases, c => c.OpenedBy),
                slaUnits = Column(cases, c => CaseClockUnits.ToCode(c.Clocks.Sla.Unit)),
                slaDues = Column(cases, c => c.Clocks.Sla.DueAt.ToUniversalTime()),
                slaWarns = Column(cases, c => c.Clocks.Sla.WarnAt.ToUniversalTime()),
                slaPausables = Column(cases, c => c.Clocks.Sla.Pausable),
                regNames = Column(cases, c => c.Clocks.Regulatory?.Name),
                regUnits = Column(cases, c => c.Clocks.Regulatory is { } r ? CaseClockUnits.ToCode(r.Unit) : null),
                regDues = Column(cases, c => c.Clocks.Regulatory?.DueAt.ToUniversalTime()),
                regWarns = Column(cases, c => c.Clocks.Regulatory?.WarnAt.ToUniversalTime()),
                regPausables = Column(cases, c => c.Clocks.Regulatory?.Pausable ?? false),
            }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        if (inserted.Count == 0)
        {
            return [];
        }

        var opened = cases.Where(c => inserted.Contains(c.CaseId)).ToList();
        await connection.ExecuteAsync(new CommandDefinition(
            """
            insert into case_history (case_id, region, at, actor, action, to_state, detail)
            select c.id, c.region, c.opened, c.opened_by, 'opened', 'new',
                   jsonb_build_object('queueUnit', c.queue, 'caseType', c.type, 'priority', c.priority, 'routeReason', c.reason)
            from unnest(@ids, @regions, @openedAts, @openedBys, @queues, @types, @priorities, @reasons)
                as c (id, region, opened, opened_by, queue, type, priority, reason)
            """,
            new
            {
                ids = Column(opened, c => c.CaseId),
                regions = Column(opened, c => c.Region),
                openedAts = Column(opened, c => c.OpenedAt.ToUniversalTime()),
                openedBys = Column(opened, c => c.OpenedBy),
                queues = Column(opened, c => c.QueueUnit),
                types = Column(opened, c => c.CaseType),
                priorities = Column(opened, c => c.Priority),
                reasons = Column(opened, c => c.RouteReason),
            }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. opened.Select(c => c.CaseId)];
    }

    private static T[] Column<T>(IReadOnlyList<NewCase> cases, Func<NewCase, T> value) => [.. cases.Select(value)];
}
