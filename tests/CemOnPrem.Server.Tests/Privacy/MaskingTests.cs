using System.Net;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using CemOnPrem.Contracts.Customers;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Server.Privacy;
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
    public async Task An_analyst_cannot_read_customer_level_data_at_all()
    {
        var customerId = await IngestAsync();
        var token = await server.Factory.UserTokenAsync(await server.Factory.AddUserAsync([CemRoles.Analyst], ["hq"], [ServerDatabases.Eu]));
        using var analyst = server.Factory.WithBearer(token, "case-handling");

        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync($"/api/v1/customers/eu-central/{customerId}", Cancellation)).StatusCode);
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
            ["attributes"] = new JsonObject { ["lang"] = "de", ["first-name"] = "Jana", ["email"] = Email },
            ["scores"] = new JsonObject { ["nps"] = 8 },
        };
        var receipt = await Events.ReadJsonAsync(await server.Client.PostAsync("/api/v1/events", Events.Json(e), Cancellation));
        return receipt.GetProperty("customerId").GetString()!;
    }
}
