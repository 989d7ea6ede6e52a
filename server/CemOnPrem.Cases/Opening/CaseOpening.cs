using CemOnPrem.Cases.Clocks;
using Dapper;
using Npgsql;

namespace CemOnPrem.Cases.Opening;

/// <summary>
/// Inserts cases and their <c>opened</c> history entries in the caller's transaction (the projection cycle's for rule
/// firings, the request's for manual cases). A case whose origin key is already stored is skipped.
/// </summary>
public static class CaseOpening
{
    /// <returns>The ids of the cases actually inserted.</returns>
    public static async Task<IReadOnlyList<string>> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<NewCase> cases, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(cases);
        if (cases.Count == 0)
        {
            return [];
        }

        var inserted = new List<string>(cases.Count);
        foreach (var c in cases)
        {
            var id = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
                """
                insert into cases (case_id, region, origin, origin_key, pack_id, rule_id, case_type, customer_id, org_unit, queue_unit,
                    route_level, route_reason, priority, state, trigger_events, opened_at, opened_by,
                    sla_unit, sla_due_at, sla_warn_at, sla_pausable, reg_name, reg_unit, reg_due_at, reg_warn_at, reg_pausable, updated_at)
                values (@CaseId, @Region, @Origin, @OriginKey, @PackId, @RuleId, @CaseType, @CustomerId, @OrgUnit, @QueueUnit,
                    @RouteLevel, @RouteReason, @Priority, 'new', @TriggerEvents, @OpenedAt, @OpenedBy,
                    @SlaUnit, @SlaDueAt, @SlaWarnAt, @SlaPausable, @RegName, @RegUnit, @RegDueAt, @RegWarnAt, @RegPausable, @OpenedAt)
                on conflict (origin_key) do nothing
                returning case_id
                """,
                new
                {
                    c.CaseId, c.Region, c.Origin, c.OriginKey, c.PackId, c.RuleId, c.CaseType, c.CustomerId, c.OrgUnit, c.QueueUnit,
                    c.RouteLevel, c.RouteReason, Priority = (short)c.Priority, TriggerEvents = c.TriggerEvents.ToArray(), c.OpenedAt, c.OpenedBy,
                    SlaUnit = CaseClockUnits.ToCode(c.Clocks.Sla.Unit), SlaDueAt = c.Clocks.Sla.DueAt, SlaWarnAt = c.Clocks.Sla.WarnAt, SlaPausable = c.Clocks.Sla.Pausable,
                    RegName = c.Clocks.Regulatory?.Name, RegUnit = c.Clocks.Regulatory is { } r ? CaseClockUnits.ToCode(r.Unit) : null, RegDueAt = c.Clocks.Regulatory?.DueAt, RegWarnAt = c.Clocks.Regulatory?.WarnAt,
                    RegPausable = c.Clocks.Regulatory?.Pausable ?? false,
                }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (id is null)
            {
                continue;
            }

            inserted.Add(id);
            await connection.ExecuteAsync(new CommandDefinition(
                """
                insert into case_history (case_id, region, at, actor, action, to_state, detail)
                values (@CaseId, @Region, @OpenedAt, @OpenedBy, 'opened', 'new',
                        jsonb_build_object('queueUnit', @QueueUnit::text, 'caseType', @CaseType::text, 'priority', @Priority, 'routeReason', @RouteReason::text))
                """, new { c.CaseId, c.Region, c.OpenedAt, c.OpenedBy, c.QueueUnit, c.CaseType, c.Priority, c.RouteReason },
                transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        return inserted;
    }
}
