using CemOnPrem.Cases.Clocks;
using CemOnPrem.Cases.Opening;
using CemOnPrem.Sdk.Journeys;
using CemOnPrem.Storage.Databases;
using CemOnPrem.Storage.OrgUnits;
using CemOnPrem.Testing;
using Dapper;

namespace CemOnPrem.Cases.Tests.Escalation;

/// <summary>Cases with chosen clock instants, the org tree they escalate in, and what the clocks left in the database.</summary>
internal static class ClockCases
{
    public const string Region = MigratedDatabases.EuCentral;

    /// <summary>hq (hq) → north (region) → north-city (area) → branch-01 (branch); hq → complaints (complaints-team).</summary>
    public static async Task EnsureTreeAsync(ControlDatabase control)
    {
        await new OrgUnitStore(control).UpsertAsync(
        [
            new OrgUnitDraft("hq", "Head office", "hq", null),
            new OrgUnitDraft("north", "North", "region", "hq"),
            new OrgUnitDraft("north-city", "North city", "area", "north"),
            new OrgUnitDraft("branch-01", "Branch 01", "branch", "north-city"),
            new OrgUnitDraft("complaints", "Complaints", "complaints-team", "hq"),
        ], TestContext.Current.CancellationToken);
    }

    public static NewCase Draft(string queueUnit, DateTimeOffset opened, TimeSpan warnAfter, TimeSpan dueAfter, int priority = 3,
        bool slaPausable = false, CaseClock? regulatory = null) => new()
    {
        CaseId = NewCase.NewId(),
        Region = Region,
        Origin = "manual",
        CaseType = "complaint",
        QueueUnit = queueUnit,
        OrgUnit = queueUnit,
        Priority = priority,
        OpenedAt = opened,
        OpenedBy = "agent-1",
        Clocks = new CaseClockPlan(new CaseClock("sla", SlaUnit.Hours, opened + dueAfter, opened + warnAfter, slaPausable), regulatory),
    };

    public static async Task InsertAsync(RegionDatabases regions, NewCase draft)
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var connection = await regions.For(Region).OpenConnectionAsync(cancellation);
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        await CaseOpening.InsertAsync(connection, transaction, [draft], cancellation);
        await transaction.CommitAsync(cancellation);
    }

    public static async Task ExecuteAsync(RegionDatabases regions, string sql, object parameters)
    {
        await using var connection = await regions.For(Region).OpenConnectionAsync(TestContext.Current.CancellationToken);
        await connection.ExecuteAsync(sql, parameters);
    }

    /// <returns>The case's history actions, oldest first.</returns>
    public static async Task<IReadOnlyList<string>> ActionsAsync(RegionDatabases regions, string caseId)
    {
        await using var connection = await regions.For(Region).OpenConnectionAsync(TestContext.Current.CancellationToken);
        return [.. await connection.QueryAsync<string>("select action from case_history where case_id = @caseId order by entry_id", new { caseId })];
    }

    /// <returns>The case's recorded thresholds as 'clock/kind', in key order.</returns>
    public static async Task<IReadOnlyList<string>> EventsAsync(RegionDatabases regions, string caseId)
    {
        await using var connection = await regions.For(Region).OpenConnectionAsync(TestContext.Current.CancellationToken);
        return [.. await connection.QueryAsync<string>(
            "select clock || '/' || kind from case_clock_events where case_id = @caseId order by clock, kind", new { caseId })];
    }

    public static async Task<(string QueueUnit, int Priority, int EscalationLevel, int Version)> CaseAsync(RegionDatabases regions, string caseId)
    {
        await using var connection = await regions.For(Region).OpenConnectionAsync(TestContext.Current.CancellationToken);
        return await connection.QuerySingleAsync<(string, int, int, int)>(
            "select queue_unit, priority::int, escalation_level, version from cases where case_id = @caseId", new { caseId });
    }

    /// <returns>The detail of the case's escalated entries, as JSON text, oldest first.</returns>
    public static async Task<IReadOnlyList<string>> EscalationsAsync(RegionDatabases regions, string caseId)
    {
        await using var connection = await regions.For(Region).OpenConnectionAsync(TestContext.Current.CancellationToken);
        return [.. await connection.QueryAsync<string>(
            "select detail::text from case_history where case_id = @caseId and action = 'escalated' order by entry_id", new { caseId })];
    }
}
