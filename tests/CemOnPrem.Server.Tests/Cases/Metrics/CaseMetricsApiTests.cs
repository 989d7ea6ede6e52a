using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CemOnPrem.Cases.Clocks;
using CemOnPrem.Cases.Opening;
using CemOnPrem.Sdk.Journeys;
using CemOnPrem.Server.Tests.Support;
using CemOnPrem.Storage.Databases;
using Microsoft.Extensions.DependencyInjection;

namespace CemOnPrem.Server.Tests.Cases.Metrics;

/// <summary>Case metrics through <c>/api/v1/metrics</c>: listed with the others, filtered by case type, refused parameters named.</summary>
public sealed class CaseMetricsApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Case_metrics_are_listed_with_the_event_metrics()
    {
        var list = await server.Client.GetFromJsonAsync<JsonElement>("/api/v1/metrics", Cancellation);

        var ids = list.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToList();
        Assert.Contains("nps", ids);
        Assert.Contains("cases.opened", ids);
        Assert.Contains("cases.time-to-close-p90", ids);
        Assert.Contains("cases.regulatory-met", ids);
    }

    [Fact]
    public async Task Cases_opened_counts_one_case_type_per_day_and_suppresses_small_groups()
    {
        var type = "metric-test-" + Guid.NewGuid().ToString("N")[..8];
        var rare = type + "-rare";
        await OpenAsync(type, "de-fra-branch-01", 6);
        await OpenAsync(rare, "de-muc-branch-01", 2);

        var counted = await server.Client.GetFromJsonAsync<JsonElement>($"/api/v1/metrics/cases.opened?caseType={type}&groupBy=day", Cancellation);
        var small = await server.Client.GetFromJsonAsync<JsonElement>($"/api/v1/metrics/cases.opened?caseType={rare}", Cancellation);

        Assert.Equal(6, counted.GetProperty("total").GetProperty("value").GetDouble());
        var day = Assert.Single(counted.GetProperty("groups").EnumerateArray());
        Assert.Equal(DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), day.GetProperty("period").GetString());
        Assert.Equal(6, day.GetProperty("n").GetInt64());
        Assert.True(small.GetProperty("total").GetProperty("suppressed").GetBoolean()); // 2 cases < the minimum group size
    }

    [Theory]
    [InlineData("nps?caseType=complaint", "caseType")]
    [InlineData("cases.opened?caseType=Not%20A%20Code", "caseType")]
    [InlineData("cases.opened?groupBy=stage", "groupBy")]
    public async Task Parameters_that_do_not_apply_are_400_problems_naming_them(string query, string field)
    {
        var response = await server.Client.GetAsync($"/api/v1/metrics/{query}", Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await Events.ReadJsonAsync(response)).GetProperty("errors").TryGetProperty(field, out _), query);
    }

    private async Task OpenAsync(string type, string orgUnit, int count)
    {
        var regions = server.Factory.Services.GetRequiredService<RegionDatabases>();
        var now = DateTimeOffset.UtcNow;
        var clocks = new CaseClockPlan(new CaseClock("sla", SlaUnit.BusinessDays, now.AddDays(2), now.AddDays(1.5), Pausable: false), null);
        var drafts = Enumerable.Range(0, count).Select(_ => new NewCase
        {
            CaseId = NewCase.NewId(), Region = "eu-central", Origin = "manual", CaseType = type, OrgUnit = orgUnit, QueueUnit = orgUnit,
            Priority = 3, OpenedAt = now, OpenedBy = "metrics-api-test", Clocks = clocks,
        }).ToList();
        await using var connection = await regions.For("eu-central").OpenConnectionAsync(Cancellation);
        await using var transaction = await connection.BeginTransactionAsync(Cancellation);
        await CaseOpening.InsertAsync(connection, transaction, drafts, Cancellation);
        await transaction.CommitAsync(Cancellation);
    }
}
