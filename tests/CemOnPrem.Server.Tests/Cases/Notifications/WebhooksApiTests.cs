using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Server.Tests.Support;

namespace CemOnPrem.Server.Tests.Cases.Notifications;

/// <summary>The webhook administration API on the real server: secrets shown once, bad configurations named, admins only.</summary>
public sealed class WebhooksApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Creating_a_webhook_shows_its_generated_secret_once_and_never_again()
    {
        var created = await server.Client.PostAsync("/api/v1/admin/webhooks", Events.Json(new JsonObject
        {
            ["name"] = "ticketing", ["url"] = "https://tickets.bank.example/cem", ["events"] = new JsonArray("opened", "breached"), ["regions"] = new JsonArray("eu-central"),
        }), Cancellation);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await Events.ReadJsonAsync(created);
        Assert.Matches("^[0-9a-f]{64}$", body.GetProperty("secret").GetString());
        var id = body.GetProperty("subscription").GetProperty("id").GetString();
        Assert.Equal($"/api/v1/admin/webhooks/{id}", created.Headers.Location?.OriginalString);

        var one = await server.Client.GetStringAsync($"/api/v1/admin/webhooks/{id}", Cancellation);
        var all = await server.Client.GetStringAsync("/api/v1/admin/webhooks", Cancellation);
        Assert.DoesNotContain("secret", one, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(body.GetProperty("secret").GetString()!, all, StringComparison.Ordinal);
        Assert.Equal(["opened", "breached"], JsonDocument.Parse(one).RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetString()));

        Assert.Equal(HttpStatusCode.NoContent, (await server.Client.DeleteAsync($"/api/v1/admin/webhooks/{id}", Cancellation)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync($"/api/v1/admin/webhooks/{id}", Cancellation)).StatusCode);
    }

    [Fact]
    public async Task A_secret_given_by_the_caller_is_not_echoed()
    {
        var created = await server.Client.PostAsync("/api/v1/admin/webhooks", Events.Json(new JsonObject
        {
            ["name"] = "mirror", ["url"] = "https://tickets.bank.example/cem", ["secret"] = new string('k', 40),
        }), Cancellation);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        // the server leaves out null members: no secret at all in the answer
        Assert.False((await Events.ReadJsonAsync(created)).TryGetProperty("secret", out _));
    }

    [Theory]
    [InlineData("""{"name":"h","url":"http://tickets.bank.example/cem"}""", "url")]
    [InlineData("""{"name":"h","url":"tickets.bank.example"}""", "url")]
    [InlineData("""{"name":"h","url":"https://tickets.bank.example/cem","events":["opened","deleted"]}""", "events")]
    [InlineData("""{"name":"h","url":"https://tickets.bank.example/cem","regions":["us-west"]}""", "regions")]
    [InlineData("""{"name":"h","url":"https://tickets.bank.example/cem","secret":"short"}""", "secret")]
    [InlineData("""{"url":"https://tickets.bank.example/cem"}""", "name")]
    public async Task A_malformed_webhook_config_is_a_400_problem_naming_the_field(string json, string field)
    {
        var response = await server.Client.PostAsync("/api/v1/admin/webhooks", new StringContent(json, System.Text.Encoding.UTF8, "application/json"), Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await Events.ReadJsonAsync(response);
        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Dead_letters_need_a_configured_region()
    {
        var missing = await server.Client.GetAsync("/api/v1/admin/webhooks/dead-letters", Cancellation);
        var unknown = await server.Client.GetAsync("/api/v1/admin/webhooks/dead-letters?region=mars", Cancellation);
        var known = await server.Client.GetAsync("/api/v1/admin/webhooks/dead-letters?region=eu-central", Cancellation);

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.OK], [missing.StatusCode, unknown.StatusCode, known.StatusCode]);
        Assert.True((await Events.ReadJsonAsync(unknown)).GetProperty("errors").TryGetProperty("region", out _));
    }

    [Fact]
    public async Task An_analyst_may_neither_create_nor_list_webhooks()
    {
        using var analyst = await server.Factory.CreateClientAsAsync(CemRoles.Analyst, ["hq"], ["eu-central"]);

        var create = await analyst.PostAsync("/api/v1/admin/webhooks", Events.Json(new JsonObject { ["name"] = "x", ["url"] = "https://tickets.bank.example/cem" }), Cancellation);
        var list = await analyst.GetAsync("/api/v1/admin/webhooks", Cancellation);

        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden], [create.StatusCode, list.StatusCode]);
    }
}
