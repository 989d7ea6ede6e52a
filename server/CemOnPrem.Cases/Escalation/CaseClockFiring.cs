using System.Text.Json;
using CemOnPrem.Http.OrgUnits;
using CemOnPrem.Storage.Databases;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CemOnPrem.Cases.Escalation;

/// <summary>
/// A reminder tick: records every threshold of the case's clocks that has passed and escalates each breach, all in one
/// transaction. The case row is locked and each threshold is a unique <c>case_clock_events</c> row, so two silos firing
/// the same reminder, a replayed tick or a node killed mid-transaction give exactly one warning, breach and escalation.
/// </summary>
public sealed partial class CaseClockFiring(RegionDatabases regions, OrgTreeCache orgTree, IOptions<EscalationOptions> options, ILogger<CaseClockFiring> logger)
{
    /// <summary>The actor of the history entries clocks write.</summary>
    public const string Actor = "system:case-clocks";

    private const string RecordSql =
        """
        insert into case_clock_events (case_id, clock, kind, threshold_at, clocks_version, fired_at, fired_by)
        values (@CaseId, @Clock, @Kind, @At, @ClocksVersion, @Now, @FiredBy)
        on conflict do nothing
        """;

    private const string HistorySql =
        """
        insert into case_history (case_id, region, at, actor, action, detail)
        values (@CaseId, @Region, @Now, @Actor, @Action, @Detail::jsonb)
        """;

    private const string EscalateSql =
        """
        update cases set queue_unit = @To, priority = @Priority, escalation_level = escalation_level + 1, version = version + 1, updated_at = @Now
        where case_id = @CaseId
        """;

    /// <returns>The clocks after the tick (to arm the next instant), or null when the case does not exist.</returns>
    public async Task<CaseClockState?> FireAsync(string region, string caseId, string firedBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var state = await CaseClockStore.ReadAsync(connection, transaction, caseId, cancellationToken).ConfigureAwait(false);
        if (state is null)
        {
            return null;
        }

        var recorded = new HashSet<(string Clock, string Kind)>(state.Recorded);
        foreach (var threshold in CaseClockThresholds.Passed(state, now))
        {
            var inserted = await connection.ExecuteAsync(new CommandDefinition(RecordSql, new
            {
                state.CaseId, threshold.Clock, threshold.Kind, threshold.At, state.ClocksVersion, Now = now, FiredBy = firedBy,
            }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            recorded.Add((threshold.Clock, threshold.Kind));
            if (inserted == 0)
            {
                continue; // another silo's tick recorded it (the row lock makes this rare; the key makes it safe)
            }

            var clock = ClockDetail(state, threshold);
            if (!threshold.IsBreach)
            {
                await HistoryAsync(connection, transaction, state, now, "warning", clock, cancellationToken).ConfigureAwait(false);
                LogWarning(logger, state.CaseId, threshold.Clock);
                continue;
            }

            await HistoryAsync(connection, transaction, state, now, "breached", clock, cancellationToken).ConfigureAwait(false);
            state = await EscalateAsync(connection, transaction, state, threshold, now, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return state with { Recorded = recorded };
    }

    private async Task<CaseClockState> EscalateAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CaseClockState state,
        CaseThreshold threshold, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var tree = await orgTree.CurrentAsync(state.QueueUnit, cancellationToken).ConfigureAwait(false);
        var step = EscalationTarget.Decide(tree.Subtree(null), state.QueueUnit, options.Value.Chain);
        // 1 is the highest priority; a case already there stays there.
        var priority = Math.Max(1, state.Priority - 1);
        await connection.ExecuteAsync(new CommandDefinition(EscalateSql, new { state.CaseId, step.To, Priority = (short)priority, Now = now },
            transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var detail = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["clock"] = threshold.Clock,
            ["dueAt"] = threshold.At,
            ["fromUnit"] = step.From,
            ["toUnit"] = step.To,
            ["moved"] = step.Moved,
            ["reason"] = step.Reason,
            ["fromPriority"] = state.Priority,
            ["priority"] = priority,
        };
        await HistoryAsync(connection, transaction, state, now, "escalated", detail, cancellationToken).ConfigureAwait(false);
        LogEscalated(logger, state.CaseId, threshold.Clock, step.From, step.To, priority);
        return state with { QueueUnit = step.To, Priority = priority };
    }

    private static Dictionary<string, object?> ClockDetail(CaseClockState state, CaseThreshold threshold)
    {
        var regulatory = threshold.Clock == CaseThreshold.Regulatory;
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["clock"] = threshold.Clock,
            ["name"] = regulatory ? state.RegName : CaseThreshold.Sla,
            ["at"] = threshold.At,
            ["dueAt"] = regulatory ? state.RegDueAt : state.SlaDueAt,
            ["queueUnit"] = state.QueueUnit,
        };
    }

    private static Task<int> HistoryAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CaseClockState state, DateTimeOffset now,
        string action, Dictionary<string, object?> detail, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(HistorySql, new
        {
            state.CaseId, state.Region, Now = now, Actor, Action = action, Detail = JsonSerializer.Serialize(detail),
        }, transaction, cancellationToken: cancellationToken));

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {CaseId}: {Clock} clock warning")]
    private static partial void LogWarning(ILogger logger, string caseId, string clock);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {CaseId}: {Clock} clock breached; escalated from {FromUnit} to {ToUnit}, priority {Priority}")]
    private static partial void LogEscalated(ILogger logger, string caseId, string clock, string fromUnit, string toUnit, int priority);
}
