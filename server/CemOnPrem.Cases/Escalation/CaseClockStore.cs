using CemOnPrem.Storage.Databases;
using Dapper;
using Npgsql;

namespace CemOnPrem.Cases.Escalation;

/// <summary>Reads case clocks from the region database and keeps <c>clocks_armed</c>; the tick's writes are in <see cref="CaseClockFiring"/>.</summary>
public sealed class CaseClockStore(RegionDatabases regions)
{
    private const string ReadSql =
        """
        select case_id as CaseId, region as Region, state as State, queue_unit as QueueUnit, priority as Priority, paused_at as PausedAt,
               clocks_version as ClocksVersion, sla_due_at as SlaDueAt, sla_warn_at as SlaWarnAt, sla_pausable as SlaPausable,
               reg_name as RegName, reg_due_at as RegDueAt, reg_warn_at as RegWarnAt, reg_pausable as RegPausable
        from cases where case_id = @caseId
        """;

    public async Task<CaseClockState?> ReadAsync(string region, string caseId, CancellationToken cancellationToken)
    {
        await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAsync(connection, null, caseId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the clocks in <paramref name="transaction"/>, locking the case row when there is one.</summary>
    internal static async Task<CaseClockState?> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string caseId, CancellationToken cancellationToken)
    {
        var sql = transaction is null ? ReadSql : ReadSql + " for update";
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(sql, new { caseId }, transaction, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        var recorded = await connection.QueryAsync<(string Clock, string Kind)>(new CommandDefinition(
            "select clock, kind from case_clock_events where case_id = @caseId", new { caseId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new CaseClockState
        {
            CaseId = row.CaseId, Region = row.Region, State = row.State, QueueUnit = row.QueueUnit, Priority = row.Priority,
            PausedAt = Utc(row.PausedAt), ClocksVersion = row.ClocksVersion,
            SlaDueAt = Utc(row.SlaDueAt), SlaWarnAt = Utc(row.SlaWarnAt), SlaPausable = row.SlaPausable,
            RegName = row.RegName, RegDueAt = Utc(row.RegDueAt), RegWarnAt = Utc(row.RegWarnAt), RegPausable = row.RegPausable,
            Recorded = recorded.ToHashSet(),
        };
    }

    /// <summary>Records that the reminder follows <paramref name="version"/>; never moves back (a newer arming may have won).</summary>
    public async Task RecordArmedAsync(string region, string caseId, int version, CancellationToken cancellationToken)
    {
        await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "update cases set clocks_armed = @version where case_id = @caseId and clocks_armed < @version",
            new { caseId, version }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <returns>Up to <paramref name="limit"/> cases after <paramref name="after"/> (by id) whose reminder lags their clocks.</returns>
    public async Task<IReadOnlyList<(string CaseId, int Version)>> UnarmedAsync(string region, string after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string CaseId, int Version)>(new CommandDefinition(
            """
            select case_id, clocks_version from cases
            where clocks_armed < clocks_version and case_id > @after
            order by case_id limit @limit
            """, new { after, limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows];
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private static DateTimeOffset? Utc(DateTime? value) => value is { } v ? Utc(v) : null;

    // Npgsql reads timestamptz as UTC DateTime; the record speaks DateTimeOffset.
    private sealed class Row
    {
        public string CaseId { get; init; } = "";
        public string Region { get; init; } = "";
        public string State { get; init; } = "";
        public string QueueUnit { get; init; } = "";
        public short Priority { get; init; }
        public DateTime? PausedAt { get; init; }
        public int ClocksVersion { get; init; }
        public DateTime SlaDueAt { get; init; }
        public DateTime SlaWarnAt { get; init; }
        public bool SlaPausable { get; init; }
        public string? RegName { get; init; }
        public DateTime? RegDueAt { get; init; }
        public DateTime? RegWarnAt { get; init; }
        public bool RegPausable { get; init; }
    }
}
