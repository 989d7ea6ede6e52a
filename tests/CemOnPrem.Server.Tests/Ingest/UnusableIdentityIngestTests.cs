using System.Net;
using System.Text.Json.Nodes;
using CemOnPrem.Server.Tests.Support;

namespace CemOnPrem.Server.Tests.Ingest;

/// <summary>
/// Identity values that identify no one ("+++", "+ ( ) -", "ann@", a 16-character VIN …) are refused with 422 naming the
/// field, single and batch, and store nothing: stored, they stitched strangers into one customer (issue 19, item 3).
/// </summary>
public sealed class UnusableIdentityIngestTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly Events _events = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> Junk => new()
    {
        { "phone", "+++" },
        { "phone", "+ ( ) -" },
        { "phone", "+" },
        { "phone", "+86 138" },
        { "phone", "138 0000 0000" },
        { "phone", "+1 800 FLOWERS" },
        { "phone", "+86 138 0000 0000 0000 0000" },
        { "phone", "+1 555-1234" }, // a local number without its area code
        { "phone", "+1 111 111 1111" }, // placeholders
        { "phone", "+1 123 456 7890" },
        { "email", "ann" },
        { "email", "ann@" },
        { "email", "ann@example" },
        { "email", "ann@bob@example.com" },
        { "email", "Ann Lee <ann@example.com>" },
        { "email", "ann@[10.0.0.1]" },
        { "email", "noemail@bank.example" }, // placeholders
        { "email", "customer@none.com" },
        { "vin", "1HGCM82633A00435" },
        { "vin", "1HGCM82633A0043521" },
        { "vin", "IHGCM82633A004352" },
        { "account", "--" },
        { "account", "null" },
        { "account", "0000000" },
        { "card_token", "4111111111111111" },
        { "loyalty", "..." },
    };

    [Theory]
    [MemberData(nameof(Junk))]
    public async Task Single_event_with_an_unusable_identity_is_422_naming_the_field_and_stores_nothing(string type, string value)
    {
        var e = WithIdentity(_events.Feedback(), type, value);

        var response = await server.Client.PostAsync("/api/v1/events", Events.Json(e), Cancellation);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await Events.ReadJsonAsync(response);
        Assert.Equal("urn:cem:problem:unusable-identity", problem.GetProperty("type").GetString());
        Assert.Equal(["customer[1].value"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal(0, await server.Databases.CountAsync(ServerDatabases.Eu, "select count(*) from events where event_id = @e", new { e = e["eventId"]!.GetValue<string>() }));
    }

    [Fact]
    public async Task Batch_items_with_the_two_junk_phones_of_the_report_are_422_each_and_the_strangers_are_not_merged()
    {
        var ann = WithIdentity(_events.Feedback(account: _events.Account(1)), "phone", "+++");
        var bob = WithIdentity(_events.Feedback(account: _events.Account(2)), "phone", "+ ( ) -");
        var fine = _events.Feedback(account: _events.Account(3));

        var response = await server.Client.PostAsync("/api/v1/events/batch", Events.Ndjson([ann, bob, fine]), Cancellation);

        Assert.Equal(HttpStatusCode.MultiStatus, response.StatusCode);
        var results = (await Events.ReadJsonAsync(response)).GetProperty("results");
        Assert.Equal([422, 422, 202], results.EnumerateArray().Select(r => r.GetProperty("status").GetInt32()));
        foreach (var refused in new[] { results[0], results[1] })
        {
            var problem = refused.GetProperty("problem");
            Assert.Equal("urn:cem:problem:unusable-identity", problem.GetProperty("type").GetString());
            Assert.True(problem.GetProperty("errors").TryGetProperty("customer[1].value", out _));
        }

        // Nothing of the refused items was stored: neither stranger exists, so neither can hold the other's data.
        Assert.Equal(0, await server.Databases.CountAsync(ServerDatabases.Eu, "select count(*) from events where event_id = any(@ids)",
            new { ids = new[] { ann, bob }.Select(e => e["eventId"]!.GetValue<string>()).ToArray() }));
    }

    [Fact]
    public async Task A_valid_phone_in_different_spellings_still_stitches_one_customer()
    {
        var digits = Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var spaced = WithIdentity(_events.Feedback(account: _events.Account(1)), "phone", $"+86 138 {digits[..4]} {digits[4..]}");
        var compact = WithIdentity(_events.Feedback(account: _events.Account(2)), "phone", $"+86138{digits}");

        var first = await Events.ReadJsonAsync(await server.Client.PostAsync("/api/v1/events", Events.Json(spaced), Cancellation));
        var second = await Events.ReadJsonAsync(await server.Client.PostAsync("/api/v1/events", Events.Json(compact), Cancellation));

        Assert.Equal(first.GetProperty("customerId").GetString(), second.GetProperty("customerId").GetString());
    }

    [Theory]
    [InlineData("phone", "%2B%2B%2B")]
    [InlineData("phone", "%2B%20(%20)%20-")]
    [InlineData("email", "ann%40")]
    [InlineData("vin", "SHORT")]
    public async Task Lookup_by_an_unusable_value_is_422_naming_the_value(string type, string escapedValue)
    {
        var response = await server.Client.GetAsync($"/api/v1/customers/eu-central/lookup?type={type}&value={escapedValue}", Cancellation);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await Events.ReadJsonAsync(response);
        Assert.True(problem.GetProperty("errors").TryGetProperty("value", out _));
    }

    [Fact]
    public async Task A_malformed_event_hears_of_its_unusable_identity_too_in_one_400()
    {
        var e = WithIdentity(_events.Feedback(), "phone", "+++");
        e.Remove("source");

        var response = await server.Client.PostAsync("/api/v1/events", Events.Json(e), Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await Events.ReadJsonAsync(response)).GetProperty("errors");
        Assert.Equal(["customer[1].value", "source"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("""{"type":"erasure","region":"eu-central","identity":{"type":"phone","value":"+++"}}""", "identity.value")]
    [InlineData("""{"type":"access","region":"eu-central","identity":{"type":"email","value":"Ann <ann@example.com>"}}""", "identity.value")]
    [InlineData("""{"type":"rectification","region":"eu-central","customerId":"c-00000000000000000000000000000000","changes":{"identity":{"type":"phone","value":"+49 30 1234567","newValue":"+ ( ) -"}}}""", "changes.identity.newValue")]
    public async Task A_privacy_request_naming_an_unusable_identity_is_422_naming_the_field(string body, string field)
    {
        var response = await server.Client.PostAsync("/api/v1/privacy/requests", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Cancellation);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await Events.ReadJsonAsync(response);
        Assert.Equal("urn:cem:problem:unusable-identity", problem.GetProperty("type").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    private static JsonObject WithIdentity(JsonObject e, string type, string value)
    {
        ((JsonArray)e["customer"]!).Add(new JsonObject { ["type"] = type, ["value"] = value });
        return e;
    }
}
