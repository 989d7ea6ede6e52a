using System.Net;
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
