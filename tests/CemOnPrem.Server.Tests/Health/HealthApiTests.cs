using System.Net;
using Microsoft.Extensions.DependencyInjection;
using CemOnPrem.Server.Tests.Support;

namespace CemOnPrem.Server.Tests.Health;

public sealed class HealthApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Liveness_answers_200()
    {
        var response = await server.Client.GetAsync("/healthz", Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readiness_reports_every_database_and_the_silo()
    {
        var response = await server.Client.GetAsync("/readyz", Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var checks = (await Events.ReadJsonAsync(response)).GetProperty("checks");
        foreach (var check in new[] { "startup", "silo", "control", "region:eu-central", "region:cn-east" })
        {
            Assert.Equal("ok", checks.GetProperty(check).GetString());
        }
    }

    [Fact]
    public async Task Readiness_stays_200_but_says_only_degraded_while_the_audit_chain_is_broken()
    {
        var guard = server.Factory.Services.GetRequiredService<CemOnPrem.Audit.Chain.AuditChainGuard>();
        guard.Report(CemOnPrem.Audit.Chain.AuditChainBreak.TailDeleted(8, 10));
        try
        {
            var response = await server.Client.GetAsync("/readyz", Cancellation);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await Events.ReadJsonAsync(response);
            Assert.Equal("degraded", body.GetProperty("status").GetString());
            // The anonymous answer says only that it is degraded: where and why is for the log, the metric and the audit record.
            Assert.Equal("degraded", body.GetProperty("checks").GetProperty("audit-chain").GetString());
            var text = body.GetRawText();
            Assert.DoesNotContain("broken at", text, StringComparison.Ordinal);
            Assert.DoesNotContain("missing", text, StringComparison.Ordinal);
            Assert.Equal("ok", body.GetProperty("checks").GetProperty("control").GetString());
        }
        finally
        {
            guard.ReportIntact();
        }

        var after = await Events.ReadJsonAsync(await server.Client.GetAsync("/readyz", Cancellation));
        Assert.Equal("ready", after.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Readiness_is_503_when_a_migration_is_missing()
    {
        await using (var connection = new Npgsql.NpgsqlConnection(server.Databases.Regions[ServerDatabases.Cn]))
        {
            await connection.OpenAsync(Cancellation);
            await using var hide = new Npgsql.NpgsqlCommand("update schema_versions set scriptname = scriptname || '.hidden'", connection);
            await hide.ExecuteNonQueryAsync(Cancellation);
        }

        try
        {
            var response = await server.Client.GetAsync("/readyz", Cancellation);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            var problem = await Events.ReadJsonAsync(response);
            Assert.Contains("region:cn-east", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            await using var connection = new Npgsql.NpgsqlConnection(server.Databases.Regions[ServerDatabases.Cn]);
            await connection.OpenAsync(Cancellation);
            await using var restore = new Npgsql.NpgsqlCommand("update schema_versions set scriptname = replace(scriptname, '.hidden', '')", connection);
            await restore.ExecuteNonQueryAsync(Cancellation);
        }
    }

    [Fact]
    public async Task Unknown_route_is_problem_json()
    {
        var response = await server.Client.GetAsync("/api/v1/nothing-here", Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
