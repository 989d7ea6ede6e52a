using Dapper;
using Npgsql;

namespace CemOnPrem.Cases.Handling;

/// <summary>
/// The writes of an edit, in the edit's transaction: the changed row (only if it is still at the version the edit was
/// based on) and the one history entry every change leaves for notifications. Both or neither.
/// </summary>
internal static class CaseWrites
{
    /// <returns>False when the row is no longer at <paramref name="expectedVersion"/> (nothing written).</returns>
    public static async Task<bool> SaveAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CaseRow changed, int expectedVersion,
        bool clocksChanged, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = await connection.ExecuteAsync(new CommandDefinition(
            """
            update cases set state = @State, assignee = @Assignee, first_response_at = @FirstResponseAt, resolved_at = @ResolvedAt,
                closed_at = @ClosedAt, reopened_count = @ReopenedCount, root_cause_code = @RootCauseCode, root_cause_text = @RootCauseText,
                resolution = @Resolution::jsonb, sla_due_at = @SlaDueAt, sla_warn_at = @SlaWarnAt, reg_due_at = @RegDueAt, reg_warn_at = @RegWarnAt,
                paused_at = @PausedAt, clocks_version = clocks_version + @ClocksBump, version = version + 1, updated_at = @Now
            where case_id = @CaseId and version = @ExpectedVersion
            """,
            new
            {
                changed.State, changed.Assignee, changed.FirstResponseAt, changed.ResolvedAt, changed.ClosedAt, changed.ReopenedCount,
                changed.RootCauseCode, changed.RootCauseText, changed.Resolution, changed.SlaDueAt, changed.SlaWarnAt, changed.RegDueAt,
                changed.RegWarnAt, changed.PausedAt, ClocksBump = clocksChanged ? 1 : 0, Now = now, changed.CaseId, ExpectedVersion = expectedVersion,
            }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows == 1;
    }

    /// <summary>A history entry id taken before the insert, so its encrypted text can be bound to its row.</summary>
    public static Task<long> NextEntryIdAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "select nextval(pg_get_serial_sequence('case_history', 'entry_id'))", transaction: transaction, cancellationToken: cancellationToken));

    public static Task HistoryAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CaseHistoryDraft entry, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            insert into case_history (entry_id, case_id, region, at, actor, action, from_state, to_state, detail, text)
            overriding system value
            values (@EntryId, @CaseId, @Region, @At, @Actor, @Action, @FromState, @ToState, @Detail::jsonb, @Text)
            """, entry, transaction, cancellationToken: cancellationToken));
}

/// <summary>A history entry about to be written; <see cref="Detail"/> is a JSON object of non-personal facts.</summary>
internal sealed record CaseHistoryDraft(long EntryId, string CaseId, string Region, DateTimeOffset At, string Actor, string Action,
    string? FromState, string? ToState, string Detail, byte[]? Text);
