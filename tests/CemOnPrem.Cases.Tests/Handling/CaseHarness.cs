using CemOnPrem.Cases.Clocks;
using CemOnPrem.Cases.Handling;
using CemOnPrem.Cases.Opening;
using CemOnPrem.Cases.Tests.Support;
using CemOnPrem.Sdk.Journeys;
using CemOnPrem.Testing;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Cases.Tests.Handling;

/// <summary>The real editor and reader on the fixture's region databases, with a clock the test moves.</summary>
internal sealed class CaseHarness
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero); // a Monday

    private readonly MigratedDatabases _databases;

    public CaseHarness(MigratedDatabases databases, int reopenDays = 14)
    {
        _databases = databases;
        var text = new CaseText(databases.Protection, new CaseKeys(databases.Protection));
        var clocks = CalendarClocks.For(databases);
        Editor = new CaseEditor(databases.Regions, clocks, text, Options.Create(new CaseHandlingOptions { ReopenDays = reopenDays }), Clock, [Closures],
            NullLogger<CaseEditor>.Instance);
        Reader = new CaseReader(databases.Regions, clocks, text, Clock);
    }

    public MovableClock Clock { get; } = new(Start);

    public RecordingClosureHook Closures { get; } = new();

    public CaseEditor Editor { get; }

    public CaseReader Reader { get; }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>A customer with a data key, as the event writer would have created them.</summary>
    public async Task<string> CustomerAsync(string region)
    {
        var customerId = "c-" + Guid.NewGuid().ToString("N");
        var (key, version, wrapped) = await _databases.Protection.CreateKeyAsync(region, customerId, Cancellation);
        await using var connection = await _databases.Regions.For(region).OpenConnectionAsync(Cancellation);
        await connection.ExecuteAsync("insert into customers (customer_id, region, created_at) values (@customerId, @region, now())", new { customerId, region });
        await connection.ExecuteAsync(
            "insert into customer_keys (key_id, customer_id, origin_customer_id, region, kek_version, wrapped) values (@keyId, @customerId, @customerId, @region, @version, @wrapped)",
            new { keyId = key.KeyId, customerId, region, version, wrapped });
        return customerId;
    }

    public async Task<string> OpenAsync(string region, string? customerId = null, bool slaPausable = true, bool regulatoryPausable = false,
        string queueUnit = "north-01", DateTimeOffset? openedAt = null)
    {
        var draft = new NewCase
        {
            CaseId = NewCase.NewId(), Region = region, Origin = "manual", CaseType = "complaint", CustomerId = customerId, OrgUnit = "north-01",
            QueueUnit = queueUnit, Priority = 2, OpenedAt = openedAt ?? Start, OpenedBy = "agent-a",
            Clocks = new CaseClockPlan(
                new CaseClock("sla", SlaUnit.BusinessDays, Start.AddDays(2), Start.AddDays(1.5), slaPausable),
                new CaseClock("complaint-final-response", SlaUnit.BusinessDays, Start.AddDays(21), Start.AddDays(15), regulatoryPausable)),
        };
        await using var connection = await _databases.Regions.For(region).OpenConnectionAsync(Cancellation);
        await using var transaction = await connection.BeginTransactionAsync(Cancellation);
        await CaseOpening.InsertAsync(connection, transaction, [draft], Cancellation);
        await transaction.CommitAsync(Cancellation);
        return draft.CaseId;
    }

    public async Task<T> ScalarAsync<T>(string region, string sql, string caseId)
    {
        await using var connection = await _databases.Regions.For(region).OpenConnectionAsync(Cancellation);
        return await connection.ExecuteScalarAsync<T>(sql, new { caseId }) ?? throw new InvalidOperationException("no value: " + sql);
    }

    public async Task<IReadOnlyList<string>> ActionsAsync(string region, string caseId)
    {
        await using var connection = await _databases.Regions.For(region).OpenConnectionAsync(Cancellation);
        return (await connection.QueryAsync<string>("select action from case_history where case_id = @caseId order by entry_id", new { caseId })).AsList();
    }
}

internal sealed class MovableClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

internal sealed class RecordingClosureHook : ICaseClosureHook
{
    public List<CaseClosure> Calls { get; } = [];

    public Task CaseClosedAsync(CaseClosure closure, CancellationToken cancellationToken)
    {
        Calls.Add(closure);
        return Task.CompletedTask;
    }
}
