using System.Net;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Server.Tests.Support;

namespace CemOnPrem.Server.Tests.Hostile;

/// <summary>
/// Dates near 0001-01-01 and 9999-12-31 answered 500 (a default period was computed by subtracting days even when
/// 'from' was given). Every date parameter lies between 1900-01-01 and 2200-01-01, refused outside with the parameter named.
/// </summary>
public sealed class CalendarEdgeTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/api/v1/metrics/nps?to=0001-01-01", "to")]
    [InlineData("/api/v1/metrics/nps?to=0001-01-03", "to")]
    [InlineData("/api/v1/metrics/nps?from=0001-01-01&to=0001-01-02", "to")]
    [InlineData("/api/v1/metrics/nps?from=0001-01-01&to=2026-01-01", "from")]
    [InlineData("/api/v1/metrics/nps?to=9999-12-31", "to")]
    [InlineData("/api/v1/metrics/nps?from=9999-12-31&to=9999-12-31&groupBy=week", "to")]
    [InlineData("/api/v1/metrics/nps?from=1899-12-31&to=1900-01-05&groupBy=week", "from")]
    [InlineData("/api/v1/metrics/nps?to=2200-01-02", "to")]
    [InlineData("/api/v1/metrics/nps?to=notadate", "to")]
    public async Task A_metric_query_outside_the_date_range_is_a_400_naming_the_parameter(string url, string field)
    {
        using var analyst = await server.Factory.CreateClientAsAsync(CemRoles.Analyst, ["hq"], [ServerDatabases.Eu]);

        await ProblemAssert.RefusedAsync(await analyst.GetAsync(url, Cancellation), field);
    }

    [Theory]
    [InlineData("/api/v1/metrics/nps?from=1900-01-01&to=1900-01-31&groupBy=week")]
    [InlineData("/api/v1/metrics/nps?to=1900-01-01&groupBy=day")]
    [InlineData("/api/v1/metrics/nps?from=2199-12-01&to=2200-01-01&groupBy=month")]
    public async Task A_metric_query_at_the_edges_of_the_range_is_answered(string url)
    {
        using var analyst = await server.Factory.CreateClientAsAsync(CemRoles.Analyst, ["hq"], [ServerDatabases.Eu]);

        var response = await analyst.GetAsync(url, Cancellation);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Cancellation));
    }

    [Theory]
    [InlineData("/api/v1/audit/records?from=0001-01-01T00:00:00Z", "from")]
    [InlineData("/api/v1/audit/records?to=9999-12-31T23:59:59Z", "to")]
    [InlineData("/api/v1/audit/records?from=0001-01-01T00:00:00%2B14:00", "from")]
    [InlineData("/api/v1/audit/export?format=json&from=1800-01-01T00:00:00Z", "from")]
    public async Task An_audit_query_outside_the_date_range_is_a_400_naming_the_parameter(string url, string field)
    {
        using var auditor = await server.Factory.CreateClientAsAsync(CemRoles.Compliance, ["hq"], [ServerDatabases.Eu]);

        await ProblemAssert.RefusedAsync(await auditor.GetAsync(url, Cancellation), field);
    }
}
