using CemOnPrem.Contracts.Problems;
using System.Net;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Server.Tests.Support;

namespace CemOnPrem.Server.Tests.Access;

/// <summary>The two denials the issue names explicitly, with their problem bodies.</summary>
public sealed class ScopeTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly Events _events = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Client_bound_to_region_A_posting_for_region_B_is_forbidden()
    {
        using var channel = await server.Factory.CreateIngestClientAsync([ServerDatabases.Eu], ["hq"]);

        var response = await channel.PostAsync("/api/v1/events", Events.Json(_events.Feedback(region: ServerDatabases.Cn)), Cancellation);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await Events.ReadJsonAsync(response);
        Assert.Equal(ProblemTypes.Forbidden, problem.GetProperty("type").GetString());
        Assert.Equal("a client binding to region 'cn-east'", problem.GetProperty("missingPermissions")[0].GetString());
        Assert.Equal(0, await server.Databases.CountAsync(ServerDatabases.Cn, "select count(*) from events where source = 'branch-tablet' and event_id like @tag", new { tag = _events.Tag + "%" }));
    }

    [Fact]
    public async Task Client_bound_to_an_org_unit_may_not_post_for_a_sibling()
    {
        using var channel = await server.Factory.CreateIngestClientAsync([ServerDatabases.Eu], ["north"]);
        var e = _events.Feedback();
        e["orgUnit"] = "south-01";

        var response = await channel.PostAsync("/api/v1/events", Events.Json(e), Cancellation);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("a client binding to org unit 'south-01'", (await Events.ReadJsonAsync(response)).GetProperty("missingPermissions")[0].GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("curiosity")]
    public async Task Customer_read_without_a_configured_purpose_is_forbidden(string? purpose)
    {
        using var agent = await server.Factory.CreateClientAsAsync(CemRoles.Agent, ["hq"], [ServerDatabases.Eu], purpose);
        var receipt = await Events.ReadJsonAsync(await server.Client.PostAsync("/api/v1/events", Events.Json(_events.Feedback()), Cancellation));

        var response = await agent.GetAsync($"/api/v1/customers/eu-central/{receipt.GetProperty("customerId").GetString()}", Cancellation);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("a declared purpose in the X-Cem-Purpose header (one of: case-handling, complaint, dsar)",
            (await Events.ReadJsonAsync(response)).GetProperty("missingPermissions")[0].GetString());
    }

    [Fact]
    public async Task Customer_read_with_a_purpose_in_scope_is_allowed()
    {
        using var agent = await server.Factory.CreateClientAsAsync(CemRoles.Agent, ["hq"], [ServerDatabases.Eu], "complaint");
        var receipt = await Events.ReadJsonAsync(await server.Client.PostAsync("/api/v1/events", Events.Json(_events.Feedback()), Cancellation));

        var response = await agent.GetAsync($"/api/v1/customers/eu-central/{receipt.GetProperty("customerId").GetString()}", Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
