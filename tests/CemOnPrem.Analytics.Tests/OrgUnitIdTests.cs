using CemOnPrem.Analytics.Projection;
using CemOnPrem.Contracts.Customers;
using CemOnPrem.Analytics.Rollups;
using CemOnPrem.Storage.Events;
using CemOnPrem.Testing;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace CemOnPrem.Analytics.Tests;

/// <summary>
/// Rollups key org units by an integer from the region's <c>org_unit_ids</c> (R0042): one id per code, kept for good
/// (a rebuild or a code that comes back reuses it, no other code ever gets it), and the reader translates codes both ways.
/// </summary>
public sealed class OrgUnitIdTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private static int _eventCounter; // event ids must differ between the tests of the class (one instance per test)

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_code_gets_its_own_id_which_survives_a_rebuild_and_is_never_given_to_another_code()
    {
        const string region = MigratedDatabases.EuCentral;
        var projector = CreateProjector();
        await WriteNpsAsync(region, "b1", 3);
        await WriteNpsAsync(region, "b2", 2);
        await WriteNpsAsync(region, null, 1);
        await CatchUpAsync(projector, region);
        var first = await IdsAsync(region);

        await new ProjectionStore(databases.Regions).ResetAsync(region, Cancellation);
        await CatchUpAsync(projector, region);
        await WriteNpsAsync(region, "b3", 1);
        await CatchUpAsync(projector, region);
        var second = await IdsAsync(region);

        Assert.Equal(0, first[""]);
        Assert.Equal(first.Count, first.Values.Distinct().Count());
        Assert.Equal(second.Count, second.Values.Distinct().Count());
        Assert.Equal((first["b1"], first["b2"], 0), (second["b1"], second["b2"], second[""]));
        Assert.DoesNotContain(second["b3"], first.Values);
        var verification = await new RollupVerifier(projector, databases.Regions, new TestModel(), new FixedClock(Now)).VerifyAsync(region, null, Cancellation);
        Assert.True(verification.Equal, string.Join("\n", verification.Comparison?.Differences.Select(d => d.ToString()) ?? []));
    }

    [Fact]
    public async Task The_reader_answers_in_codes_and_finds_a_code_that_got_its_id_after_the_reader_cached_the_ids()
    {
        const string region = MigratedDatabases.CnEast;
        var projector = CreateProjector();
        var reader = new RollupReader(databases.Regions);
        await WriteNpsAsync(region, "x1", 2);
        await WriteNpsAsync(region, null, 1);
        await CatchUpAsync(projector, region);
        Assert.Equal([("x1", 2L)], await CountsAsync(reader, region, ["x1", "x2"]));
        // The answers are from Wednesday 2026-04-29: ISO weeks start on Monday, months on the first.
        Assert.Equal(new DateOnly(2026, 4, 27), await PeriodAsync(reader, region, TimeGrain.Week));
        Assert.Equal(new DateOnly(2026, 4, 1), await PeriodAsync(reader, region, TimeGrain.Month));

        await WriteNpsAsync(region, "x2", 3);
        await CatchUpAsync(projector, region);

        Assert.Equal([("x2", 3L)], await CountsAsync(reader, region, ["x2"]));
        Assert.Equal([("", 1L), ("x1", 2L), ("x2", 3L)], await CountsAsync(reader, region, null));
        Assert.Empty(await CountsAsync(reader, region, ["never-seen"]));

        // A filter naming most codes is sent as the few ids to leave out; a code newer than the cached copy still counts.
        await WriteNpsAsync(region, "x3", 4);
        await CatchUpAsync(projector, region);
        Assert.Equal([("x1", 2L), ("x2", 3L), ("x3", 4L)], await CountsAsync(reader, region, ["x1", "x2", "x3"]));
        Assert.Equal([("x1", 2L), ("x3", 4L)], await CountsAsync(reader, region, ["x1", "x3"]));

        // A re-created database (here: its rollups and newest code dropped, another code given that id) is not
        // answered from the stale copy once the dictionary is smaller than the copy.
        await using (var connection = await databases.Regions.For(region).OpenConnectionAsync(Cancellation))
        {
            await connection.ExecuteAsync(
                """
                delete from metric_rollups where org_unit_id in (select id from org_unit_ids where code in ('x2', 'x3'));
                update metric_rollups set org_unit_id = (select id from org_unit_ids where code = 'x2')
                where org_unit_id = (select id from org_unit_ids where code = 'x1');
                delete from org_unit_ids where code in ('x1', 'x3');
                update org_unit_ids set code = 'y9' where code = 'x2';
                """);
        }

        Assert.Equal([("", 1L), ("y9", 2L)], await CountsAsync(reader, region, null));
    }

    [Fact]
    public async Task No_org_unit_is_id_0_in_every_region_database()
    {
        foreach (var region in new[] { MigratedDatabases.EuCentral, MigratedDatabases.CnEast })
        {
            Assert.Equal(0, (await IdsAsync(region))[""]);
        }
    }

    private Task<long> CatchUpAsync(AnalyticsProjector projector, string region) =>
        ProjectionCatchUp.RunAsync(projector, databases.Regions, region, Cancellation);

    private AnalyticsProjector CreateProjector() =>
        new(new ProjectionStore(databases.Regions), databases.Regions, new TestModel(), new FixedClock(Now),
            Options.Create(new ProjectionOptions()), NullLogger<AnalyticsProjector>.Instance);

    [Fact]
    public async Task Metrics_read_together_answer_what_each_read_alone_answers_labelled_by_metric()
    {
        // Not cn-east: the reader test there counts every org unit of its region.
        const string region = MigratedDatabases.EuCentral;
        var projector = CreateProjector();
        var reader = new RollupReader(databases.Regions);
        await WriteNpsAsync(region, "m1", 3);
        var n = Interlocked.Increment(ref _eventCounter);
        await new EventLogWriter(databases.Regions, new FixedClock(Now), databases.Protection).AppendAsync(region,
            [new NewEvent("test", $"org-id-{region}-{n}", region, "touchpoint", "loan-approved", "m1", Now.AddDays(-2),
                [new CustomerIdentity("email", $"o{n}@example.test")], new Dictionary<string, string>(), new Dictionary<string, double>(), null)], Cancellation);
        await CatchUpAsync(projector, region);
        var day = DateOnly.FromDateTime(Now.UtcDateTime);
        var query = new RollupQuery("nps", day.AddDays(-30), day, ["m1"], null, TimeGrain.Day, ByStage: true);

        var together = await reader.ReadAsync(region, query with { AlsoMetrics = ["approval-rate", "nps", "no-such-metric"] }, Cancellation);
        var nps = await reader.ReadAsync(region, query, Cancellation);
        var approvals = await reader.ReadAsync(region, query with { Metric = "approval-rate" }, Cancellation);

        Assert.NotEmpty(nps);
        Assert.NotEmpty(approvals);
        Assert.All(nps, row => Assert.Equal("nps", row.Metric));
        Assert.All(approvals, row => Assert.Equal("approval-rate", row.Metric));
        Assert.Equal(Describe(nps.Concat(approvals)), Describe(together));
    }

    private static List<string> Describe(IEnumerable<RollupRow> rows) =>
        [.. rows.Select(row => $"{row.Metric} {row.Period} {row.OrgUnit} {row.Stage} {row.Values.N} {row.Values.A} {row.Values.B}").Order(StringComparer.Ordinal)];

    private async Task WriteNpsAsync(string region, string? orgUnit, int answers)
    {
        var events = Enumerable.Range(0, answers).Select(_ =>
        {
            var n = Interlocked.Increment(ref _eventCounter);
            return new NewEvent("test", $"org-id-{region}-{n}", region, "feedback", null, orgUnit, Now.AddDays(-2),
                [new CustomerIdentity("email", $"o{n}@example.test")], new Dictionary<string, string>(), new Dictionary<string, double> { ["nps"] = 9 }, null);
        }).ToList();
        await new EventLogWriter(databases.Regions, new FixedClock(Now), databases.Protection).AppendAsync(region, events, Cancellation);
    }

    private static async Task<List<(string OrgUnit, long N)>> CountsAsync(RollupReader reader, string region, IReadOnlyList<string>? orgUnits)
    {
        var day = DateOnly.FromDateTime(Now.UtcDateTime);
        var rows = await reader.ReadAsync(region, new RollupQuery("nps", day.AddDays(-30), day, orgUnits, null, TimeGrain.None, ByStage: false), Cancellation);
        return [.. rows.Select(row => (row.OrgUnit, row.Values.N)).Order()];
    }

    private static async Task<DateOnly?> PeriodAsync(RollupReader reader, string region, TimeGrain grain)
    {
        var day = DateOnly.FromDateTime(Now.UtcDateTime);
        var rows = await reader.ReadAsync(region, new RollupQuery("nps", day.AddDays(-30), day, ["x1"], null, grain, ByStage: false), Cancellation);
        return Assert.Single(rows).Period;
    }

    private async Task<Dictionary<string, int>> IdsAsync(string region)
    {
        await using var connection = await databases.Regions.For(region).OpenConnectionAsync(Cancellation);
        return (await connection.QueryAsync<(string Code, int Id)>("select code, id from org_unit_ids")).ToDictionary(row => row.Code, row => row.Id);
    }
}
