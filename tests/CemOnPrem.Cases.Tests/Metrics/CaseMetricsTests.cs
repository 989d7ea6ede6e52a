using CemOnPrem.Analytics.Queries;
using CemOnPrem.Analytics.Rollups;
using CemOnPrem.Cases.Clocks;
using CemOnPrem.Cases.Metrics;
using CemOnPrem.Cases.Opening;
using CemOnPrem.Sdk.Journeys;
using CemOnPrem.Testing;
using Dapper;

namespace CemOnPrem.Cases.Tests.Metrics;

/// <summary>Case metrics from hand-made cases: counts, percentiles of first response and close, SLA and regulatory deadlines met.</summary>
public sealed class CaseMetricsTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private static readonly DateTimeOffset Monday = new(2026, 4, 6, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Cases_opened_count_per_day_and_org_unit_and_filter_by_type()
    {
        const string region = MigratedDatabases.EuCentral;
        await OpenAsync(region, "de-fra-branch-01", "complaint", Monday);
        await OpenAsync(region, "de-fra-branch-01", "complaint", Monday.AddHours(3));
        await OpenAsync(region, "de-muc-branch-01", "detractor-follow-up", Monday.AddDays(1));
        var metrics = new CaseMetrics(databases.Regions);

        var byDay = await metrics.ReadAsync(region, Query(CaseMetricDefinitions.Opened, TimeGrain.Day) with { OrgUnits = ["de-fra-branch-01", "de-muc-branch-01"] },
            Cancellation);
        var complaints = await metrics.ReadAsync(region, Query(CaseMetricDefinitions.Opened, TimeGrain.None) with { CaseType = "complaint" }, Cancellation);
        var munich = await metrics.ReadAsync(region, Query(CaseMetricDefinitions.Opened, TimeGrain.None) with { OrgUnits = ["de-muc-branch-01"] }, Cancellation);

        Assert.Equal(
            [(new DateOnly(2026, 4, 6), "de-fra-branch-01", 2L), (new DateOnly(2026, 4, 7), "de-muc-branch-01", 1L)],
            byDay.Select(c => (c.Period!.Value, c.OrgUnit, c.Values.N)).Order().ToList());
        Assert.Equal(2, complaints.Sum(c => c.Values.N));
        Assert.Equal(1, munich.Sum(c => c.Values.N));
        Assert.Equal(3.0, metrics.Compute(Definition(CaseMetricDefinitions.Opened), Total(byDay)).Value);
    }

    [Fact]
    public async Task Time_to_close_percentiles_come_from_the_closing_day_within_five_percent()
    {
        const string region = MigratedDatabases.CnEast;
        // Ten cases closed 1..10 hours after opening, on the same day: p50 = 5 h, p90 = 9 h (nearest rank).
        for (var hours = 1; hours <= 10; hours++)
        {
            var id = await OpenAsync(region, "cn-sh-branch-01", "complaint", Monday);
            await SetAsync(region, id, "closed_at", Monday.AddHours(hours));
        }

        var metrics = new CaseMetrics(databases.Regions);
        var cells = await metrics.ReadAsync(region, Query(CaseMetricDefinitions.TimeToCloseP50, TimeGrain.Month), Cancellation);
        var p50 = metrics.Compute(Definition(CaseMetricDefinitions.TimeToCloseP50), Total(cells)).Value;
        var p90 = metrics.Compute(Definition(CaseMetricDefinitions.TimeToCloseP90), Total(cells)).Value;

        Assert.Equal(new DateOnly(2026, 4, 1), Assert.Single(cells).Period);
        Assert.Equal(10, Total(cells).N);
        Assert.InRange(p50!.Value, 5 * 0.95, 5 * 1.05);
        Assert.InRange(p90!.Value, 9 * 0.95, 9 * 1.05);
    }

    [Fact]
    public async Task Sla_and_regulatory_met_count_resolved_cases_against_their_own_deadlines()
    {
        const string region = MigratedDatabases.EuCentral;
        var onTime = await OpenAsync(region, "at-vie-branch-01", "vienna-check", Monday, regulatoryDue: Monday.AddDays(10));
        var late = await OpenAsync(region, "at-vie-branch-01", "vienna-check", Monday, regulatoryDue: Monday.AddDays(3));
        await OpenAsync(region, "at-vie-branch-01", "vienna-check", Monday); // unresolved: counted nowhere
        await SetAsync(region, onTime, "resolved_at", Monday.AddDays(1)); // SLA due after 2 days: met; regulatory met
        await SetAsync(region, late, "resolved_at", Monday.AddDays(4)); // SLA missed; regulatory missed
        var metrics = new CaseMetrics(databases.Regions);

        var sla = Total(await metrics.ReadAsync(region, Query(CaseMetricDefinitions.SlaMet, TimeGrain.None) with { CaseType = "vienna-check" }, Cancellation));
        var regulatory = Total(await metrics.ReadAsync(region, Query(CaseMetricDefinitions.RegulatoryMet, TimeGrain.None) with { CaseType = "vienna-check" }, Cancellation));

        Assert.Equal((2L, 1L), (sla.N, sla.A));
        Assert.Equal((2L, 1L), (regulatory.N, regulatory.A));
        Assert.Equal(50.0, metrics.Compute(Definition(CaseMetricDefinitions.SlaMet), sla).Value!.Value, 6);
    }

    private static MetricCellQuery Query(string metric, TimeGrain grain) =>
        new(metric, new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30), null, grain, null);

    private static Sdk.Metrics.MetricDefinition Definition(string id) => CaseMetricDefinitions.All.Single(m => m.Id == id);

    private static RollupValues Total(IEnumerable<MetricCell> cells)
    {
        var total = new RollupValues();
        foreach (var cell in cells)
        {
            total.Add(cell.Values);
        }

        return total;
    }

    private async Task<string> OpenAsync(string region, string orgUnit, string type, DateTimeOffset opened, DateTimeOffset? regulatoryDue = null)
    {
        var sla = new CaseClock("sla", SlaUnit.BusinessDays, opened.AddDays(2), opened.AddDays(1.5), Pausable: false);
        var regulatory = regulatoryDue is { } due ? new CaseClock("complaint-final-response", SlaUnit.BusinessDays, due, due.AddDays(-1), false) : null;
        var draft = new NewCase
        {
            CaseId = NewCase.NewId(),
            Region = region,
            Origin = "manual",
            CaseType = type,
            OrgUnit = orgUnit,
            QueueUnit = orgUnit,
            Priority = 3,
            OpenedAt = opened,
            OpenedBy = "metrics-test",
            Clocks = new CaseClockPlan(sla, regulatory),
        };
        await using var connection = await databases.Regions.For(region).OpenConnectionAsync(Cancellation);
        await using var transaction = await connection.BeginTransactionAsync(Cancellation);
        await CaseOpening.InsertAsync(connection, transaction, [draft], Cancellation);
        await transaction.CommitAsync(Cancellation);
        return draft.CaseId;
    }

    private async Task SetAsync(string region, string caseId, string column, DateTimeOffset at)
    {
        await using var connection = await databases.Regions.For(region).OpenConnectionAsync(Cancellation);
        // column is one of this test's constants, never input
        await connection.ExecuteAsync($"update cases set {column} = @at where case_id = @caseId", new { at, caseId });
    }
}
