using System.Net;
using System.Text.Json.Nodes;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Server.Tests.Support;

namespace CemOnPrem.Server.Tests.Residency;

/// <summary>
/// The privacy endpoints keep their data in the subject's region database, so a node that does not serve the region
/// answers 421 <c>region-not-served-here</c> naming it and stores nothing (503 <c>region-unavailable</c> when no node
/// serves it). Asked at the eu-central node about a cn-east customer.
/// </summary>
public sealed class PrivacyRoutingTests(TwoNodeCluster cluster) : IClassFixture<TwoNodeCluster>
{
    private const string Eu = ServerDatabases.Eu;
    private const string Cn = ServerDatabases.Cn;
    private const string NotServedHere = "urn:cem:problem:region-not-served-here";
    private readonly Events _events = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static TheoryData<string> Calls => new() { "record-consent", "read-consents", "place-hold", "release-hold", "list-holds", "file-request", "export" };

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task A_privacy_call_for_a_region_served_by_another_node_is_misdirected_and_stores_nothing(string call)
    {
        var customerId = await IngestAtCnAsync();
        var stored = await StoredAtCnAsync();
        using var officer = await cluster.Eu.CreateClientAsAsync(CemRoles.Compliance, ["hq"], [Eu, Cn], call == "export" ? "dsar" : Callers.Purpose);

        using var response = await officer.SendAsync(Request(call, Cn, customerId), Cancellation);

        var body = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.MisdirectedRequest, $"{call}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = System.Text.Json.JsonDocument.Parse(body).RootElement;
        Assert.Equal(NotServedHere, problem.GetProperty("type").GetString());
        Assert.Contains("'cn-east'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(stored, await StoredAtCnAsync());
    }

    [Theory]
    [InlineData("place-hold")]
    [InlineData("list-holds")]
    [InlineData("file-request")]
    public async Task A_privacy_call_for_a_region_no_node_serves_is_503_naming_the_region(string call)
    {
        using var officer = await cluster.Eu.CreateClientAsAsync(CemRoles.Compliance, ["hq"], [Eu, TwoNodeCluster.Unserved]);

        using var response = await officer.SendAsync(Request(call, TwoNodeCluster.Unserved, $"c-{new string('0', 32)}"), Cancellation);

        var body = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{call}: {(int)response.StatusCode} {body}");
        Assert.Contains("urn:cem:problem:region-unavailable", body, StringComparison.Ordinal);
        Assert.Contains("'ap-south'", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_call_at_the_regions_own_node_is_served()
    {
        var customerId = await IngestAtCnAsync();
        using var officer = await cluster.Cn.CreateClientAsAsync(CemRoles.Compliance, ["hq"], [Cn]);

        using var response = await officer.SendAsync(Request("list-holds", Cn, customerId), Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static HttpRequestMessage Request(string call, string region, string customerId) => call switch
    {
        "record-consent" => Post($"/api/v1/customers/{region}/{customerId}/consents", new JsonObject
            { ["purpose"] = "marketing", ["status"] = "granted", ["source"] = "branch-tablet", ["policyVersion"] = "2026-01" }),
        "read-consents" => new(HttpMethod.Get, $"/api/v1/customers/{region}/{customerId}/consents"),
        "place-hold" => Post("/api/v1/privacy/holds", new JsonObject { ["region"] = region, ["customerId"] = customerId, ["reason"] = "routing-test" }),
        "release-hold" => new(HttpMethod.Post, $"/api/v1/privacy/holds/{region}/{Guid.NewGuid()}/release"),
        "list-holds" => new(HttpMethod.Get, $"/api/v1/privacy/holds/{region}"),
        "file-request" => Post("/api/v1/privacy/requests", new JsonObject { ["type"] = "access", ["region"] = region, ["customerId"] = customerId }),
        "export" => new(HttpMethod.Get, $"/api/v1/privacy/subjects/{region}/{customerId}/export"),
        _ => throw new ArgumentOutOfRangeException(nameof(call)),
    };

    private static HttpRequestMessage Post(string url, JsonObject body) => new(HttpMethod.Post, url) { Content = Events.Json(body) };

    private async Task<string> IngestAtCnAsync()
    {
        using var channel = await cluster.Cn.CreateIngestClientAsync([Cn], ["hq"]);
        using var response = await channel.PostAsync("/api/v1/events", Events.Json(_events.Feedback(Cn, _events.Account(Random.Shared.Next()))), Cancellation);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await Events.ReadJsonAsync(response)).GetProperty("customerId").GetString()!;
    }

    /// <summary>What the privacy endpoints store, counted in the cn-east database.</summary>
    private async Task<string> StoredAtCnAsync() =>
        $"{await cluster.Eu.Databases.CountAsync(Cn, "select count(*) from consent_entries")}/" +
        $"{await cluster.Eu.Databases.CountAsync(Cn, "select count(*) from legal_holds")}/" +
        $"{await cluster.Eu.Databases.CountAsync(Cn, "select count(*) from privacy_requests")}";
}
