using CemOnPrem.Contracts.Problems;
using System.Net;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using CemOnPrem.Audit.Records;
using CemOnPrem.Contracts.Customers;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Http.Masking;
using CemOnPrem.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;

namespace CemOnPrem.Server.Tests.Privacy;

public sealed class MaskingTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly string _tag = Guid.NewGuid().ToString("N")[..8];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private string Email => $"jana.{_tag}@example.com";

    // Unique per test (tests of the class share a server, and a shared phone would stitch their customers together).
    private string Phone => "+49 151 " + string.Concat(_tag.Take(5).Select(c => (char)('0' + (c % 10)))) + "12";

    [Theory]
    [InlineData("email", "jana@example.com", "j***@example.com")]
    [InlineData("phone", "+4915123456712", "+49 *** ***12")]
    [InlineData("account", "DE89370400440532013000", "******************3000")]
    [InlineData("lastName", "Nováková", "N***")]
    public void Contact_values_are_masked_recognisably(string kind, string value, string masked) =>
        Assert.Equal(masked, ContactMask.Mask(kind, value));

    [Theory]
    [InlineData(CemRoles.Compliance, "complaint", MaskLevel.Full)]
    [InlineData(CemRoles.Agent, "case-handling", MaskLevel.Full)]
    [InlineData(CemRoles.Agent, "dsar", MaskLevel.Full)]
    [InlineData(CemRoles.Agent, "complaint", MaskLevel.Masked)]
    [InlineData(CemRoles.Agent, null, MaskLevel.Masked)]
    [InlineData(CemRoles.Analyst, "case-handling", MaskLevel.Pseudonymous)]
    public void The_level_follows_role_and_purpose(string role, string? purpose, MaskLevel expected)
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(OpenIddictConstants.Claims.Role, role)], "test"));

        Assert.Equal(expected, server.Factory.Services.GetRequiredService<CustomerMasking>().LevelFor(user, purpose));
    }

    [Fact]
    public async Task An_analyst_sees_stable_pseudonyms_and_no_free_text()
    {
        var masking = server.Factory.Services.GetRequiredService<CustomerMasking>();
        var entry = new TimelineEntry(1, "s", "e", "feedback", null, null, DateTimeOffset.UtcNow, new Dictionary<string, double>(),
            new Dictionary<string, string> { ["email"] = Email, ["lang"] = "de" }, "call me");
        var view = new CustomerView("eu-central", "c-1", null, [new CustomerIdentity("email", Email)], 1, null, null, [], [entry]);

        var first = await masking.ApplyAsync(view, MaskLevel.Pseudonymous, Cancellation);
        var again = await masking.ApplyAsync(view, MaskLevel.Pseudonymous, Cancellation);

        Assert.StartsWith("psn-", first.Identities[0].Value, StringComparison.Ordinal);
        Assert.Equal(first.Identities[0].Value, again.Identities[0].Value);
        Assert.StartsWith("psn-", first.RecentEvents[0].Attributes["email"], StringComparison.Ordinal);
        Assert.Equal("de", first.RecentEvents[0].Attributes["lang"]);
        Assert.Null(first.RecentEvents[0].Text);
    }

    [Fact]
    public async Task An_agent_sees_masked_contact_fields_unless_the_purpose_allows_full_values()
    {
        var customerId = await IngestAsync();
        var token = await server.Factory.UserTokenAsync(await server.Factory.AddUserAsync([CemRoles.Agent], ["hq"], [ServerDatabases.Eu]));

        using var complaint = server.Factory.WithBearer(token, "complaint");
        var masked = await Events.ReadJsonAsync(await complaint.GetAsync($"/api/v1/customers/eu-central/{customerId}", Cancellation));
        using var caseHandling = server.Factory.WithBearer(token, "case-handling");
        var full = await Events.ReadJsonAsync(await caseHandling.GetAsync($"/api/v1/customers/eu-central/{customerId}", Cancellation));

        Assert.Equal(["+49 *** ***12", $"j***@example.com"], Values(masked));
        Assert.Equal(["+49151" + Phone[8..], Email], Values(full));
        var maskedAttributes = masked.GetProperty("recentEvents")[0].GetProperty("attributes");
        Assert.Equal("j***@example.com", maskedAttributes.GetProperty("email").GetString());
        Assert.Equal("J***", maskedAttributes.GetProperty("first-name").GetString());
        Assert.Equal("de", maskedAttributes.GetProperty("lang").GetString());
        var timeline = await Events.ReadJsonAsync(await complaint.GetAsync($"/api/v1/customers/eu-central/{customerId}/timeline", Cancellation));
        Assert.Equal("j***@example.com", timeline.GetProperty("items")[0].GetProperty("attributes").GetProperty("email").GetString());
    }

    [Fact]
    public async Task An_analyst_reads_a_customer_in_scope_as_pseudonyms_only_and_the_read_is_audited()
    {
        var customerId = await IngestAsync();
        var head = await server.Databases.HeadAsync();
        using var analyst = await server.Factory.CreateClientAsAsync(CemRoles.Analyst, ["hq"], [ServerDatabases.Eu], "complaint");

        var view = await ReadAsync(analyst, $"/api/v1/customers/eu-central/{customerId}");
        var timeline = await ReadAsync(analyst, $"/api/v1/customers/eu-central/{customerId}/timeline");
        var journeys = await ReadAsync(analyst, $"/api/v1/customers/eu-central/{customerId}/journeys");

        foreach (var body in new[] { view, timeline, journeys })
        {
            foreach (var planted in Planted)
            {
                Assert.DoesNotContain(planted, body, StringComparison.OrdinalIgnoreCase);
            }
        }

        var json = JsonDocument.Parse(view).RootElement;
        Assert.All(json.GetProperty("identities").EnumerateArray(), i => Assert.StartsWith("psn-", i.GetProperty("value").GetString(), StringComparison.Ordinal));
        var attributes = json.GetProperty("recentEvents")[0].GetProperty("attributes");
        Assert.StartsWith("psn-", attributes.GetProperty("email").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("psn-", attributes.GetProperty("first-name").GetString(), StringComparison.Ordinal);
        Assert.Equal("de", attributes.GetProperty("lang").GetString());
        Assert.False(HasText(json.GetProperty("recentEvents")[0]));
        var item = JsonDocument.Parse(timeline).RootElement.GetProperty("items")[0];
        Assert.Equal(attributes.GetProperty("email").GetString(), item.GetProperty("attributes").GetProperty("email").GetString());
        Assert.False(HasText(item));

        var records = await server.Databases.RecordsAfterAsync(head);
        Assert.Contains(records, r => r.Action == AuditActions.CustomerRead && r.Roles.Contains(CemRoles.Analyst) && r.Outcome == "allowed" && r.Subject is not null);
        Assert.Contains(records, r => r.Action == AuditActions.CustomerTimelineRead && r.Roles.Contains(CemRoles.Analyst) && r.Outcome == "allowed");
        Assert.DoesNotContain(records, r => Planted.Any(p => r.Text().Contains(p, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task An_analyst_may_not_look_up_a_customer_by_identity_value()
    {
        await IngestAsync();
        using var analyst = await server.Factory.CreateClientAsAsync(CemRoles.Analyst, ["hq"], [ServerDatabases.Eu], "complaint");

        var response = await analyst.GetAsync($"/api/v1/customers/eu-central/lookup?type=email&value={Uri.EscapeDataString(Email)}", Cancellation);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await Events.ReadJsonAsync(response);
        Assert.Equal(ProblemTypes.Forbidden, problem.GetProperty("type").GetString());
        Assert.DoesNotContain("customerId", problem.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_analyst_gets_the_same_403_for_a_customer_outside_the_scope_as_for_no_customer()
    {
        var customerId = await IngestAsync();
        using var analyst = await server.Factory.CreateClientAsAsync(CemRoles.Analyst, ["north"], [ServerDatabases.Eu], "complaint");

        var outside = await analyst.GetAsync($"/api/v1/customers/eu-central/{customerId}", Cancellation);
        var nobody = await analyst.GetAsync($"/api/v1/customers/eu-central/c-{Guid.NewGuid():N}", Cancellation);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (outside.StatusCode, nobody.StatusCode));
        Assert.Equal((await Events.ReadJsonAsync(nobody)).GetProperty("missingPermissions").GetRawText(),
            (await Events.ReadJsonAsync(outside)).GetProperty("missingPermissions").GetRawText());
    }

    /// <summary>Clear values the analyst must never see: identities (as sent and normalised), personal attributes, free text.</summary>
    private string[] Planted => [Email, Phone, "+49151" + Phone[8..], FirstName, TextMarker];

    // Letters only, so the agent's mask treats it as a name.
    private string FirstName => "Jana" + string.Concat(_tag.Select(c => (char)('a' + (c % 26))));

    private string TextMarker => $"call me back {_tag}";

    private static bool HasText(JsonElement entry) => entry.TryGetProperty("text", out var text) && text.ValueKind != JsonValueKind.Null;

    private static async Task<string> ReadAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url, Cancellation);
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {body}");
        return body;
    }

    private static List<string?> Values(JsonElement view) =>
        [.. view.GetProperty("identities").EnumerateArray().OrderBy(i => i.GetProperty("type").GetString(), StringComparer.Ordinal)
            .Select(i => i.GetProperty("value").GetString()).Reverse()];

    private async Task<string> IngestAsync()
    {
        var e = new JsonObject
        {
            ["eventId"] = $"mask-{_tag}-{Guid.NewGuid():N}",
            ["source"] = "app",
            ["occurredAt"] = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["region"] = ServerDatabases.Eu,
            ["customer"] = new JsonArray(new JsonObject { ["type"] = "email", ["value"] = Email }, new JsonObject { ["type"] = "phone", ["value"] = Phone }),
            ["type"] = "feedback",
            ["touchpoint"] = "app-login",
            ["orgUnit"] = Events.OrgUnit,
            ["attributes"] = new JsonObject { ["lang"] = "de", ["first-name"] = FirstName, ["email"] = Email },
            ["scores"] = new JsonObject { ["nps"] = 8 },
            ["text"] = TextMarker,
        };
        var receipt = await Events.ReadJsonAsync(await server.Client.PostAsync("/api/v1/events", Events.Json(e), Cancellation));
        return receipt.GetProperty("customerId").GetString()!;
    }
}
