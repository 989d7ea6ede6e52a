using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CemOnPrem.Server.Tests.Support;

namespace CemOnPrem.Server.Tests.Customers;

public sealed class CustomersApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly Events _events = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Timeline_pages_newest_first_without_gaps_or_repeats()
    {
        var start = DateTimeOffset.UtcNow.AddDays(-3);
        string? customerId = null;
        var sent = new List<string>();
        foreach (var i in new[] { 3, 0, 6, 1, 5, 2, 4 })
        {
            var e = _events.Feedback(occurredAt: start.AddHours(i).ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            sent.Add(e["eventId"]!.GetValue<string>());
            var receipt = await Events.ReadJsonAsync(await server.Client.PostAsync("/api/v1/events", Events.Json(e), Cancellation));
            customerId = receipt.GetProperty("customerId").GetString();
        }

        var seen = new List<DateTimeOffset>();
        var pages = new List<int>();
        string? cursor = null;
        do
        {
            var url = $"/api/v1/customers/eu-central/{customerId}/timeline?limit=3" + (cursor is null ? "" : $"&cursor={cursor}");
            var page = await Events.ReadJsonAsync(await server.Client.GetAsync(url, Cancellation));
            var items = page.GetProperty("items").EnumerateArray().ToList();
            pages.Add(items.Count);
            seen.AddRange(items.Select(item => item.GetProperty("occurredAt").GetDateTimeOffset()));
            cursor = page.TryGetProperty("nextCursor", out var next) ? next.GetString() : null;
        }
        while (cursor is not null);

        Assert.Equal([3, 3, 1], pages);
        Assert.Equal(Enumerable.Range(0, 7).Reverse().Select(i => start.AddHours(i).ToUnixTimeMilliseconds()), seen.Select(s => s.ToUnixTimeMilliseconds()));
    }

    [Fact]
    public async Task Merged_customer_redirects_to_the_survivor()
    {
        var first = await PostAsync(_events.Feedback(account: _events.Account(1)));
        var second = await PostAsync(_events.Feedback(account: _events.Account(2)));
        var link = _events.Feedback(account: _events.Account(1));
        ((JsonArray)link["customer"]!).Add(new JsonObject { ["type"] = "account", ["value"] = _events.Account(2) });
        await PostAsync(link);

        var view = await Events.ReadJsonAsync(await server.Client.GetAsync($"/api/v1/customers/eu-central/{second}", Cancellation));

        Assert.Equal(first, view.GetProperty("customerId").GetString());
        Assert.Equal(3, view.GetProperty("eventCount").GetInt64());
        Assert.Equal(2, view.GetProperty("identities").GetArrayLength());
    }

    // A customer that does not exist is answered like one outside the caller's scope (403), so answers never
    // tell whether a customer exists elsewhere; a region outside the caller's scope is a 403 before anything is read.
    [Theory]
    [InlineData("/api/v1/customers/eu-central/c-00000000000000000000000000000000", 403)]
    [InlineData("/api/v1/customers/eu-central/not-an-id", 404)]
    [InlineData("/api/v1/customers/mars-north/c-00000000000000000000000000000000", 403)]
    [InlineData("/api/v1/customers/eu-central/lookup?type=account&value=nobody", 403)]
    [InlineData("/api/v1/customers/mars-north/lookup?type=account&value=x", 403)]
    [InlineData("/api/v1/customers/eu-central/lookup?value=x", 400)]
    [InlineData("/api/v1/customers/eu-central/lookup?type=account", 400)]
    public async Task Bad_customer_address_is_a_problem(string url, int status)
    {
        var response = await server.Client.GetAsync(url, Cancellation);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("cursor=bm90LWEtY3Vyc29y", "cursor")]
    [InlineData("cursor=%%%", "cursor")]
    public async Task Bad_timeline_parameter_is_a_400_naming_it(string query, string field)
    {
        var customerId = await PostAsync(_events.Feedback());

        var response = await server.Client.GetAsync($"/api/v1/customers/eu-central/{customerId}/timeline?{query}", Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await Events.ReadJsonAsync(response)).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Customer_of_one_region_is_not_visible_through_another()
    {
        var customerId = await PostAsync(_events.Feedback(region: ServerDatabases.Cn));

        var response = await server.Client.GetAsync($"/api/v1/customers/eu-central/{customerId}", Cancellation);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private async Task<string> PostAsync(JsonObject e)
    {
        var response = await server.Client.PostAsync("/api/v1/events", Events.Json(e), Cancellation);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await Events.ReadJsonAsync(response)).GetProperty("customerId").GetString()!;
    }
}
