using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Server.Tests.Support;

namespace CemOnPrem.Server.Tests.Cases.Handling;

/// <summary>Who may see and change a case beyond the policy: org-unit subtree, region, purpose, role; and who may be assigned.</summary>
public sealed class CasesAccessTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Eu = ServerDatabases.Eu;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_agent_of_another_subtree_is_denied_the_case_and_the_org_unit_filter()
    {
        var caseId = await CaseRequests.OpenAsync(server.Client, Eu, "north-01");
        using var south = await server.Factory.CreateClientAsAsync(CemRoles.Agent, ["south"], [Eu]);

        using var read = await south.GetAsync($"/api/v1/cases/{Eu}/{caseId}", Cancellation);
        using var note = await CaseRequests.SendAsync(south, HttpMethod.Post, $"/api/v1/cases/{Eu}/{caseId}/notes", new JsonObject { ["text"] = "x" }, "\"1\"");
        using var inbox = await south.GetAsync("/api/v1/cases?orgUnit=north", Cancellation);

        await CaseRequests.ProblemAsync(read, HttpStatusCode.Forbidden);
        await CaseRequests.ProblemAsync(note, HttpStatusCode.Forbidden);
        await CaseRequests.ProblemAsync(inbox, HttpStatusCode.Forbidden);
        var page = await south.GetFromJsonAsync<JsonElement>("/api/v1/cases", Cancellation);
        Assert.DoesNotContain(caseId, page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("caseId").GetString()));
    }

    [Fact]
    public async Task An_agent_of_another_region_is_denied_the_case()
    {
        var caseId = await CaseRequests.OpenAsync(server.Client, Eu, "north-01");
        using var cn = await server.Factory.CreateClientAsAsync(CemRoles.Agent, ["hq"], [ServerDatabases.Cn]);

        using var read = await cn.GetAsync($"/api/v1/cases/{Eu}/{caseId}", Cancellation);
        using var inbox = await cn.GetAsync($"/api/v1/cases?region={Eu}", Cancellation);

        await CaseRequests.ProblemAsync(read, HttpStatusCode.Forbidden);
        await CaseRequests.ProblemAsync(inbox, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Without_a_declared_purpose_an_agent_may_read_without_customer_fields_but_not_write()
    {
        var customerId = await CustomerAtAsync("north-01");
        var caseId = await CaseRequests.OpenAsync(server.Client, Eu, "north-01", customerId);
        await CaseRequests.SendAsync(server.Client, HttpMethod.Post, $"/api/v1/cases/{Eu}/{caseId}/notes", new JsonObject { ["text"] = "Called Mrs Example" }, "\"1\"");
        using var agent = await server.Factory.CreateClientAsAsync(CemRoles.Agent, ["north"], [Eu], purpose: null);

        var (body, _) = await CaseRequests.GetAsync(agent, Eu, caseId);
        using var note = await CaseRequests.SendAsync(agent, HttpMethod.Post, $"/api/v1/cases/{Eu}/{caseId}/notes", new JsonObject { ["text"] = "x" }, "\"2\"");

        Assert.True(body.GetProperty("customerFieldsWithheld").GetBoolean());
        Assert.False(body.GetProperty("case").TryGetProperty("customerId", out _));
        Assert.All(body.GetProperty("case").GetProperty("history").EnumerateArray(), h => Assert.False(h.TryGetProperty("text", out _)));
        await CaseRequests.ProblemAsync(note, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_agent_with_the_case_handling_purpose_sees_the_customer_and_the_notes_but_an_analyst_never_does()
    {
        var customerId = await CustomerAtAsync("north-01");
        var caseId = await CaseRequests.OpenAsync(server.Client, Eu, "north-01", customerId);
        await CaseRequests.SendAsync(server.Client, HttpMethod.Post, $"/api/v1/cases/{Eu}/{caseId}/notes", new JsonObject { ["text"] = "Called Mrs Example" }, "\"1\"");
        using var agent = await server.Factory.CreateClientAsAsync(CemRoles.Agent, ["north"], [Eu]);
        using var analyst = await server.Factory.CreateClientAsAsync(CemRoles.Analyst, ["north"], [Eu]);

        var (seen, _) = await CaseRequests.GetAsync(agent, Eu, caseId);
        var (masked, _) = await CaseRequests.GetAsync(analyst, Eu, caseId);

        Assert.Equal(customerId, seen.GetProperty("case").GetProperty("customerId").GetString());
        Assert.Equal($"/api/v1/customers/{Eu}/{customerId}", seen.GetProperty("customerLink").GetString());
        Assert.Contains(seen.GetProperty("case").GetProperty("history").EnumerateArray(), h => h.TryGetProperty("text", out var text) && text.GetString() == "Called Mrs Example");
        Assert.False(masked.GetProperty("case").TryGetProperty("customerId", out _));
        Assert.DoesNotContain("Mrs Example", masked.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_an_active_user_with_scope_over_the_queue_unit_can_be_assigned()
    {
        var caseId = await CaseRequests.OpenAsync(server.Client, Eu, "north-01");
        var inScope = await server.Factory.AddUserAsync([CemRoles.Agent], ["north"], [Eu]);
        var outOfScope = await server.Factory.AddUserAsync([CemRoles.Agent], ["south"], [Eu]);
        var path = $"/api/v1/cases/{Eu}/{caseId}/assign";

        using var unknown = await CaseRequests.SendAsync(server.Client, HttpMethod.Post, path, new JsonObject { ["assignee"] = "nobody-" + Guid.NewGuid().ToString("N") }, "\"1\"");
        using var outside = await CaseRequests.SendAsync(server.Client, HttpMethod.Post, path, new JsonObject { ["assignee"] = outOfScope.Name }, "\"1\"");
        using var assigned = await CaseRequests.SendAsync(server.Client, HttpMethod.Post, path, new JsonObject { ["assignee"] = inScope.Name }, "\"1\"");

        Assert.True((await CaseRequests.ProblemAsync(unknown, HttpStatusCode.UnprocessableEntity)).GetProperty("errors").TryGetProperty("assignee", out _));
        Assert.True((await CaseRequests.ProblemAsync(outside, HttpStatusCode.UnprocessableEntity)).GetProperty("errors").TryGetProperty("assignee", out _));
        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        var (body, _) = await CaseRequests.GetAsync(server.Client, Eu, caseId);
        Assert.Equal(("assigned", inScope.Name), (body.GetProperty("case").GetProperty("state").GetString(), body.GetProperty("case").GetProperty("assignee").GetString()));
    }

    private Task<string> CustomerAtAsync(string orgUnit) => CaseRequests.CustomerAtAsync(server.Client, Eu, orgUnit);
}
