using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Server.Tests.Support;

namespace CemOnPrem.Server.Tests.Cases.Notifications;

/// <summary>PATCH /api/v1/admin/webhooks/{id}: change what is given, rotate the secret (shown once), refuse what a create would refuse.</summary>
public sealed class WebhookUpdateApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_update_changes_only_the_given_members_and_keeps_the_secret_unless_rotated()
    {
        var id = await CreateAsync();

        var response = await PatchAsync(id, """{"url":"https://tickets2.bank.example/cem","enabled":false}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Events.ReadJsonAsync(response);
        Assert.False(body.TryGetProperty("secret", out _));
        var subscription = body.GetProperty("subscription");
        Assert.Equal("https://tickets2.bank.example/cem", subscription.GetProperty("url").GetString());
        Assert.False(subscription.GetProperty("enabled").GetBoolean());
        Assert.Equal("ticketing", subscription.GetProperty("name").GetString());
        Assert.Equal(["opened"], subscription.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        var stored = JsonDocument.Parse(await server.Client.GetStringAsync($"/api/v1/admin/webhooks/{id}", Cancellation)).RootElement;
        Assert.False(stored.GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task Rotating_the_secret_shows_the_new_one_once()
    {
        var id = await CreateAsync();

        var response = await PatchAsync(id, """{"rotateSecret":true,"events":[]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Events.ReadJsonAsync(response);
        Assert.Matches("^[0-9a-f]{64}$", body.GetProperty("secret").GetString());
        Assert.Empty(body.GetProperty("subscription").GetProperty("events").EnumerateArray());
        var listed = await server.Client.GetStringAsync("/api/v1/admin/webhooks", Cancellation);
        Assert.DoesNotContain(body.GetProperty("secret").GetString()!, listed, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"url":"http://tickets.bank.example/cem"}""", "url")]
    [InlineData("""{"events":["deleted"]}""", "events")]
    [InlineData("""{"regions":["us-west"]}""", "regions")]
    [InlineData("""{"secret":"short"}""", "secret")]
    [InlineData("""{"name":""}""", "name")]
    [InlineData("""{"rotateSecret":false,"secret":"kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"}""", "rotateSecret")]
    public async Task A_bad_update_is_a_400_problem_naming_the_field_and_changes_nothing(string json, string field)
    {
        var id = await CreateAsync();

        var response = await PatchAsync(id, json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([field], (await Events.ReadJsonAsync(response)).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        var stored = JsonDocument.Parse(await server.Client.GetStringAsync($"/api/v1/admin/webhooks/{id}", Cancellation)).RootElement;
        Assert.Equal("https://tickets.bank.example/cem", stored.GetProperty("url").GetString());
    }

    [Fact]
    public async Task Updating_an_unknown_subscription_is_a_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await PatchAsync(Guid.NewGuid().ToString(), """{"enabled":false}""")).StatusCode);
    }

    [Fact]
    public async Task An_agent_may_not_update_a_webhook()
    {
        var id = await CreateAsync();
        using var agent = await server.Factory.CreateClientAsAsync(CemRoles.Agent, ["hq"], ["eu-central"]);

        var response = await agent.PatchAsync($"/api/v1/admin/webhooks/{id}", Events.Json(new JsonObject { ["url"] = "https://evil.example/hook" }), Cancellation);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var stored = JsonDocument.Parse(await server.Client.GetStringAsync($"/api/v1/admin/webhooks/{id}", Cancellation)).RootElement;
        Assert.Equal("https://tickets.bank.example/cem", stored.GetProperty("url").GetString());
    }

    private async Task<string> CreateAsync()
    {
        var created = await server.Client.PostAsync("/api/v1/admin/webhooks", Events.Json(new JsonObject
        {
            ["name"] = "ticketing", ["url"] = "https://tickets.bank.example/cem", ["events"] = new JsonArray("opened"),
        }), Cancellation);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await Events.ReadJsonAsync(created)).GetProperty("subscription").GetProperty("id").GetString()!;
    }

    private Task<HttpResponseMessage> PatchAsync(string id, string json) =>
        server.Client.PatchAsync($"/api/v1/admin/webhooks/{id}", new StringContent(json, System.Text.Encoding.UTF8, "application/json"), Cancellation);
}
