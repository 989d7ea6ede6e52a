using System.Net;
using System.Text.Json.Nodes;
using CemOnPrem.Governance;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Sdk;
using CemOnPrem.Server.Tests.Support;

namespace CemOnPrem.Server.Tests.Hostile;

/// <summary>Codes with a trailing newline ("nps\n"): .NET's '$' matched before it, so they were stored. Every code field refuses them.</summary>
public sealed class TrailingNewlineTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly Events _events = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("nps\n")]
    [InlineData("branch-visit\n")]
    [InlineData("a\n")]
    [InlineData("x.y_z-1\r\n")]
    public void Codes_with_a_trailing_line_break_are_invalid(string code)
    {
        Assert.False(Codes.IsValid(code));
        Assert.True(Codes.IsValid(code.TrimEnd()));
        Assert.False(ConsentPurposes.IsValidName(code));
    }

    [Theory]
    [InlineData("touchpoint", "branch-visit\n", "touchpoint")]
    [InlineData("source", "branch-tablet\n", "source")]
    [InlineData("orgUnit", "branch-01\n", "orgUnit")]
    [InlineData("region", "eu-central\n", "region")]
    public async Task An_event_code_with_a_trailing_newline_is_refused_and_not_stored(string property, string value, string field)
    {
        var e = _events.Feedback();
        e[property] = value;

        await ProblemAssert.RefusedAsync(await server.Client.PostAsync("/api/v1/events", Events.Json(e), Cancellation), field);

        Assert.Equal(0, await server.Databases.CountAsync(ServerDatabases.Eu, "select count(*) from events where event_id = @id", new { id = e["eventId"]!.GetValue<string>() }));
    }

    [Fact]
    public async Task A_score_key_nps_with_a_newline_is_refused_not_taken_as_a_custom_score()
    {
        var e = _events.Feedback();
        e["scores"] = new JsonObject { ["nps\n"] = 11 };

        await ProblemAssert.RefusedAsync(await server.Client.PostAsync("/api/v1/events", Events.Json(e), Cancellation), "scores.nps\n");

        Assert.Equal(0, await server.Databases.CountAsync(ServerDatabases.Eu, "select count(*) from events where event_id = @id", new { id = e["eventId"]!.GetValue<string>() }));
    }

    [Fact]
    public async Task An_attribute_key_with_a_newline_is_refused()
    {
        var e = _events.Feedback();
        e["attributes"] = new JsonObject { ["lang\n"] = "en" };

        await ProblemAssert.RefusedAsync(await server.Client.PostAsync("/api/v1/events", Events.Json(e), Cancellation), "attributes.lang\n");
    }

    [Theory]
    [InlineData("level", "branch\n")]
    [InlineData("parent", "hq\n")]
    public async Task An_org_unit_level_or_parent_with_a_newline_is_refused(string field, string value)
    {
        using var admin = await server.Factory.CreateClientAsAsync(CemRoles.Admin, ["hq"], [ServerDatabases.Eu]);
        var body = new JsonObject { ["name"] = "Newline branch", ["level"] = "branch", ["parent"] = "hq" };
        body[field] = value;

        await ProblemAssert.RefusedAsync(await admin.PutAsync($"/api/v1/org-units/nl-{_events.Tag}", Events.Json(body), Cancellation), field);

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/org-units/nl-{_events.Tag}", Cancellation)).StatusCode);
    }

    [Theory]
    [InlineData("%0A")]
    [InlineData("%0D%0A")]
    public async Task An_org_unit_code_with_a_newline_in_the_path_is_refused(string suffix)
    {
        using var admin = await server.Factory.CreateClientAsAsync(CemRoles.Admin, ["hq"], [ServerDatabases.Eu]);
        var body = new JsonObject { ["name"] = "Newline branch", ["level"] = "branch", ["parent"] = "hq" };

        await ProblemAssert.RefusedAsync(await admin.PutAsync($"/api/v1/org-units/nl2-{_events.Tag}{suffix}", Events.Json(body), Cancellation), "path");
    }

    [Theory]
    [InlineData("purpose", "marketing\n")]
    [InlineData("source", "branch-tablet\n")]
    public async Task A_consent_purpose_or_source_with_a_newline_is_refused(string field, string value)
    {
        var receipt = await Events.ReadJsonAsync(await server.Client.PostAsync("/api/v1/events", Events.Json(_events.Feedback()), Cancellation));
        var customerId = receipt.GetProperty("customerId").GetString()!;
        using var agent = await server.Factory.CreateClientAsAsync(CemRoles.Agent, ["hq"], [ServerDatabases.Eu]);
        var body = new JsonObject { ["purpose"] = "marketing", ["status"] = "granted", ["source"] = "branch-tablet", ["policyVersion"] = "2026-01" };
        body[field] = value;

        await ProblemAssert.RefusedAsync(await agent.PostAsync($"/api/v1/customers/eu-central/{customerId}/consents", Events.Json(body), Cancellation), field);

        Assert.Equal(0, await server.Databases.CountAsync(ServerDatabases.Eu, "select count(*) from consent_entries where customer_id = @customerId", new { customerId }));
    }
}
