using CemOnPrem.Cases.Clocks;
using CemOnPrem.Cases.Opening;
using CemOnPrem.Sdk.Journeys;
using CemOnPrem.Testing;
using Dapper;

namespace CemOnPrem.Cases.Tests.Opening;

/// <summary>The one insert every case goes through: a firing's origin key is stored once, whoever inserts it again.</summary>
public sealed class CaseOpeningTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private static readonly DateTimeOffset Opened = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_firing_inserted_twice_opens_one_case_with_one_opened_entry()
    {
        var region = MigratedDatabases.EuCentral;
        var first = Draft(region, "banking/branch-detractor/event:101");
        var again = first with { CaseId = NewCase.NewId() };

        var inserted = await InsertAsync(region, [first]);
        var second = await InsertAsync(region, [again]);

        Assert.Equal([first.CaseId], inserted);
        Assert.Empty(second);
        await using var connection = await databases.Regions.For(region).OpenConnectionAsync(Cancellation);
        var stored = await connection.QuerySingleAsync<(string State, string SlaUnit, int Version, int ClocksArmed)>(
            "select state, sla_unit, version, clocks_armed from cases where origin_key = @key", new { key = first.OriginKey });
        Assert.Equal(("new", "business-days", 1, 0), stored);
        var entries = await connection.QueryAsync<string>("select action from case_history where case_id = @id", new { id = first.CaseId });
        Assert.Equal(["opened"], entries);
    }

    [Fact]
    public async Task Manual_cases_have_no_origin_key_and_never_collide()
    {
        var region = MigratedDatabases.CnEast;
        var one = Draft(region, null) with { Origin = "manual", OpenedBy = "agent-1" };
        var two = Draft(region, null) with { Origin = "manual", OpenedBy = "agent-1" };

        var inserted = await InsertAsync(region, [one, two]);

        Assert.Equal([one.CaseId, two.CaseId], inserted);
    }

    [Fact]
    public async Task Instants_with_a_local_offset_are_stored_as_the_same_instants()
    {
        var region = MigratedDatabases.CnEast;
        var shanghai = TimeSpan.FromHours(8);
        var opened = new DateTimeOffset(2026, 3, 2, 17, 0, 0, shanghai);
        var draft = Draft(region, "banking/complaint-response-clock/event:7") with
        {
            OpenedAt = opened,
            Clocks = new CaseClockPlan(new CaseClock("sla", SlaUnit.BusinessDays, opened.AddDays(2), opened.AddDays(1.5), Pausable: false),
                new CaseClock("complaint-final-response", SlaUnit.BusinessDays, opened.AddDays(21), opened.AddDays(15), Pausable: false)),
        };

        await InsertAsync(region, [draft]);

        await using var connection = await databases.Regions.For(region).OpenConnectionAsync(Cancellation);
        var stored = await connection.QuerySingleAsync<(DateTime OpenedAt, DateTime SlaDueAt, DateTime RegDueAt)>(
            "select opened_at, sla_due_at, reg_due_at from cases where case_id = @id", new { id = draft.CaseId });
        Assert.Equal(opened.UtcDateTime, stored.OpenedAt.ToUniversalTime());
        Assert.Equal(opened.AddDays(2).UtcDateTime, stored.SlaDueAt.ToUniversalTime());
        Assert.Equal(opened.AddDays(21).UtcDateTime, stored.RegDueAt.ToUniversalTime());
    }

    private async Task<IReadOnlyList<string>> InsertAsync(string region, IReadOnlyList<NewCase> cases)
    {
        await using var connection = await databases.Regions.For(region).OpenConnectionAsync(Cancellation);
        await using var transaction = await connection.BeginTransactionAsync(Cancellation);
        var inserted = await CaseOpening.InsertAsync(connection, transaction, cases, Cancellation);
        await transaction.CommitAsync(Cancellation);
        return inserted;
    }

    private static NewCase Draft(string region, string? originKey) => new()
    {
        CaseId = NewCase.NewId(),
        Region = region,
        Origin = "rule",
        OriginKey = originKey,
        PackId = "banking",
        RuleId = "branch-detractor",
        CaseType = "detractor-follow-up",
        QueueUnit = "hq",
        Priority = 2,
        OpenedAt = Opened,
        OpenedBy = "rule:banking/branch-detractor",
        Clocks = new CaseClockPlan(new CaseClock("sla", SlaUnit.BusinessDays, Opened.AddDays(2), Opened.AddDays(1.5), Pausable: false), null),
    };
}
