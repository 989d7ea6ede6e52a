using Dapper;
using Npgsql;

namespace CemOnPrem.Cases.Handling;

/// <summary>Reads <c>cases</c> rows and their history (the region database is the truth; nothing is cached).</summary>
internal static class CaseRows
{
    public const string Columns =
        """
        case_id as CaseId, region as Region, origin as Origin, pack_id as PackId, rule_id as RuleId, case_type as CaseType,
        customer_id as CustomerId, org_unit as OrgUnit, queue_unit as QueueUnit, route_reason as RouteReason, priority as Priority,
        state as State, assignee as Assignee, trigger_events as TriggerEvents, opened_at as OpenedAt, opened_by as OpenedBy,
        first_response_at as FirstResponseAt, resolved_at as ResolvedAt, closed_at as ClosedAt, reopened_count as ReopenedCount,
        root_cause_code as RootCauseCode, root_cause_text as RootCauseText, resolution::text as Resolution,
        sla_unit as SlaUnit, sla_due_at as SlaDueAt, sla_warn_at as SlaWarnAt, sla_pausable as SlaPausable,
        reg_name as RegName, reg_unit as RegUnit, reg_due_at as RegDueAt, reg_warn_at as RegWarnAt, reg_pausable as RegPausable,
        paused_at as PausedAt, escalation_level as EscalationLevel, version as Version, updated_at as UpdatedAt
        """;

    public static Task<CaseRow?> FindAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string caseId, bool forUpdate,
        CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<CaseRow>(new CommandDefinition(
            $"select {Columns} from cases where case_id = @caseId{(forUpdate ? " for update" : "")}", new { caseId }, transaction,
            cancellationToken: cancellationToken));

    public static async Task<IReadOnlyList<CaseHistoryRow>> HistoryAsync(NpgsqlConnection connection, string caseId, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<CaseHistoryRow>(new CommandDefinition(
            """
            select entry_id as EntryId, at as At, actor as Actor, action as Action, from_state as FromState, to_state as ToState,
                   detail::text as Detail, text as Text
            from case_history where case_id = @caseId order by entry_id
            """, new { caseId }, cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
}

/// <summary>A <c>case_history</c> row.</summary>
internal sealed class CaseHistoryRow
{
    public long EntryId { get; init; }
    public DateTimeOffset At { get; init; }
    public string Actor { get; init; } = "";
    public string Action { get; init; } = "";
    public string? FromState { get; init; }
    public string? ToState { get; init; }
    public string Detail { get; init; } = "{}";
    public byte[]? Text { get; init; }
}
