using CemOnPrem.Analytics.Model;
using CemOnPrem.Analytics.Projection;
using CemOnPrem.Analytics.Rollups;
using CemOnPrem.Cases.Clocks;
using CemOnPrem.Cases.Rules;
using CemOnPrem.Cases.Tests.Support;
using CemOnPrem.Contracts.Customers;
using CemOnPrem.Http.OrgUnits;
using CemOnPrem.Sdk.Metrics;
using CemOnPrem.Sdk.Packs;
using CemOnPrem.Storage.Events;
using CemOnPrem.Storage.OrgUnits;
using CemOnPrem.Testing;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Cases.Tests.Rules;

/// <summary>
/// The real projector over migrated databases with the case rule observer, the four shipped packs' content (read from
/// plugins/, as the pack loader reads it) and an org tree holding every level their rules route to.
/// </summary>
internal sealed class RulesBed(MigratedDatabases databases)
{
    public static readonly DateTimeOffset Now = new(2026, 5, 6, 12, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<IReadOnlyList<PackContent>> ShippedPacks = new(() =>
        [.. new[] { "Banking", "Insurance", "Retail", "Automotive" }.Select(p => PackContentReader.Read(Path.Combine(RepositoryRoot(), "plugins", "CemOnPrem.Packs." + p)))]);

    private static int _events;

    public static IReadOnlyList<OrgUnitDraft> Units { get; } =
    [
        new("rt-hq", "HQ", "hq", null), new("rt-eu", "Region", "region", "rt-hq"),
        new("rt-branch-1", "Branch", "branch", "rt-eu"), new("rt-dealer-1", "Dealer", "dealer", "rt-eu"), new("rt-store-1", "Store", "store", "rt-eu"),
        new("rt-complaints", "Complaints", "complaints-team", "rt-eu"), new("rt-claims", "Claims", "claims-team", "rt-eu"),
        new("rt-credit", "Credit", "credit-team", "rt-eu"), new("rt-cs", "Customer service", "customer-service", "rt-eu"),
        new("rt-logistics", "Logistics", "logistics-team", "rt-eu"), new("rt-service-centre", "Service centre", "service-centre", "rt-eu"),
    ];

    public CaseRulesOptions Options { get; } = new();

    public async Task InitializeAsync(IReadOnlyList<OrgUnitDraft>? units = null) => await new OrgUnitStore(databases.Control).UpsertAsync(units ?? Units, Cancellation);

    public static IReadOnlyList<PackContent> Packs => ShippedPacks.Value;

    public static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public AnalyticsProjector Projector(DateTimeOffset? now = null)
    {
        var clock = new FixedClock(now ?? Now);
        return new AnalyticsProjector(new ProjectionStore(databases.Regions), databases.Regions, new PackModel(), clock,
            Microsoft.Extensions.Options.Options.Create(new ProjectionOptions()), NullLogger<AnalyticsProjector>.Instance,
            [new CaseRuleObserver(Rules(), new CaseDrafting(CalendarClocks.For(databases)), OrgTrees(clock), Microsoft.Extensions.Options.Options.Create(Options),
                NullLogger<CaseRuleObserver>.Instance)]);
    }

    /// <summary>The event-rule fast path as a node runs it, at <see cref="Now"/>.</summary>
    public EventRuleFastPath FastPath()
    {
        var clock = new FixedClock(Now);
        return new EventRuleFastPath(databases.Regions, Rules(), new CaseDrafting(CalendarClocks.For(databases)), OrgTrees(clock),
            Microsoft.Extensions.Options.Options.Create(Options), clock, NullLogger<EventRuleFastPath>.Instance);
    }

    public MetricRuleEvaluator MetricEvaluator() =>
        new(databases.Regions, Rules(), new MetricFirings(new RollupReader(databases.Regions), new PackModel()), new CaseDrafting(CalendarClocks.For(databases)),
            OrgTrees(new FixedClock(Now)), NullLogger<MetricRuleEvaluator>.Instance);

    public async Task CatchUpAsync(AnalyticsProjector projector, string region)
    {
        var store = new ProjectionStore(databases.Regions);
        for (var attempt = 0; ; attempt++)
        {
            while ((await projector.RunCycleAsync(region, Cancellation)).HasMore)
            {
            }

            if ((await store.ReadStatusAsync(region, Cancellation)).EventsPending == 0)
            {
                return;
            }

            Assert.True(attempt < 600, "the projection did not catch up");
            await Task.Delay(50, Cancellation);
        }
    }

    /// <returns>The customer id of each event, in order.</returns>
    public async Task<IReadOnlyList<string>> WriteAsync(string region, params NewEvent[] events)
    {
        var outcome = await new EventLogWriter(databases.Regions, new FixedClock(Now.AddMinutes(1)), databases.Protection)
            .AppendAsync(region, [.. events.Select(e => e with { Region = region })], Cancellation);
        return [.. outcome.Receipts.Select(r => r.CustomerId)];
    }

    public static NewEvent Touchpoint(string email, string touchpoint, DateTimeOffset at, string orgUnit) =>
        new("rules-test", $"rules-{Interlocked.Increment(ref _events)}", "", "touchpoint", touchpoint, orgUnit, at, [new CustomerIdentity("email", email)],
            new Dictionary<string, string>(), new Dictionary<string, double>(), null);

    public static NewEvent Feedback(string email, string touchpoint, string score, double value, DateTimeOffset at, string orgUnit,
        Dictionary<string, string>? attributes = null) =>
        new("rules-test", $"rules-{Interlocked.Increment(ref _events)}", "", "feedback", touchpoint, orgUnit, at, [new CustomerIdentity("email", email)],
            attributes ?? [], new Dictionary<string, double> { [score] = value }, null);

    public async Task<List<StoredCase>> CasesOfAsync(string region, string? customer, string? ruleId = null)
    {
        await using var connection = await databases.Regions.For(region).OpenConnectionAsync(Cancellation);
        return [.. await connection.QueryAsync<StoredCase>(
            """
            select rule_id as RuleId, case_type as CaseType, queue_unit as QueueUnit, priority as Priority, origin_key as OriginKey,
                   reg_name as RegName, (sla_due_at > opened_at - interval '100 days') as HasSla, route_reason as RouteReason, state as State
            from cases where (customer_id = @customer or (@customer is null and customer_id is null)) and (@ruleId is null or rule_id = @ruleId)
            order by rule_id, origin_key
            """, new { customer, ruleId })];
    }

    public async Task ExecuteAsync(string region, string sql, object? parameters = null)
    {
        await using var connection = await databases.Regions.For(region).OpenConnectionAsync(Cancellation);
        await connection.ExecuteAsync(sql, parameters);
    }

    public async Task<T> ScalarAsync<T>(string region, string sql, object? parameters = null)
    {
        await using var connection = await databases.Regions.For(region).OpenConnectionAsync(Cancellation);
        return (await connection.ExecuteScalarAsync<T>(sql, parameters))!;
    }

    private ActiveCaseRules Rules() =>
        new(new ContentPacks(), Microsoft.Extensions.Options.Options.Create(Options), NullLogger<ActiveCaseRules>.Instance);

    private OrgTreeCache OrgTrees(TimeProvider clock) => new(new OrgUnitStore(databases.Control), clock);

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "plugins")) && Directory.Exists(Path.Combine(dir.FullName, "server")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (with plugins/ and server/) is not above the test's output folder.");
    }

    /// <summary>The packs' content without their code: custom metrics (the pack's assembly) have no values here.</summary>
    private sealed class ContentPacks : ICaseRulePacks
    {
        public IReadOnlyList<PackContent> Active => ShippedPacks.Value;
    }

    private sealed class PackModel : IAnalyticsModels
    {
        private static readonly Lazy<AnalyticsModel> Model = new(() => new AnalyticsModel(ShippedPacks.Value, []));

        public AnalyticsModel Current => Model.Value;

        public Task<MetricContribution?> ContributeAsync(CemOnPrem.Packs.Hosting.PackMetricCalculator calculator, MetricContext context, CancellationToken cancellationToken) =>
            Task.FromResult<MetricContribution?>(null);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

/// <summary>What the tests check of a stored case.</summary>
internal sealed record StoredCase(string RuleId, string CaseType, string QueueUnit, short Priority, string OriginKey, string? RegName, bool HasSla,
    string? RouteReason, string State);
