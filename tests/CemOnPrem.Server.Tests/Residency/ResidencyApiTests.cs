using System.Net;
using System.Text.Json;
using CemOnPrem.Audit.Records;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Server.Tests.Support;
using CemOnPrem.Storage.Databases;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CemOnPrem.Server.Tests.Residency;

/// <summary>Routing by region, fail-fast for a region no node serves, and the cross-border transfer policy, across two nodes.</summary>
public sealed class ResidencyApiTests(TwoNodeCluster cluster) : IClassFixture<TwoNodeCluster>
{
    private const string Eu = ServerDatabases.Eu;
    private const string Cn = ServerDatabases.Cn;
    private const string Unserved = TwoNodeCluster.Unserved;
    private readonly Events _events = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public void A_node_has_connections_only_to_the_regions_it_serves()
    {
        var eu = cluster.Eu.Services.GetRequiredService<RegionDatabases>();
        var cn = cluster.Cn.Services.GetRequiredService<RegionDatabases>();

        Assert.Equal([Eu], eu.Regions);
        Assert.Equal([Cn], cn.Regions);
        Assert.Throws<UnknownRegionException>(() => eu.For(Cn));
    }

    [Fact]
    public async Task Ingest_for_a_region_served_by_another_node_is_misdirected_and_stores_nothing()
    {
        using var channel = await cluster.Eu.CreateIngestClientAsync([Eu, Cn], ["hq"]);

        using var response = await channel.PostAsync("/api/v1/events", Events.Json(_events.Feedback(Cn)), Cancellation);

        var problem = await ProblemAsync(response, HttpStatusCode.MisdirectedRequest, "urn:cem:problem:region-not-served-here");
        Assert.Contains("'cn-east'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await CountEventsAsync(Cn));
    }

    [Fact]
    public async Task Batch_items_for_a_region_served_by_another_node_are_misdirected_and_the_others_stored()
    {
        using var channel = await cluster.Eu.CreateIngestClientAsync([Eu, Cn], ["hq"]);

        using var response = await channel.PostAsync("/api/v1/events/batch", Events.Ndjson([_events.Feedback(Eu), _events.Feedback(Cn)]), Cancellation);

        Assert.Equal(HttpStatusCode.MultiStatus, response.StatusCode);
        var results = (await Events.ReadJsonAsync(response)).GetProperty("results");
        Assert.Equal(202, results[0].GetProperty("status").GetInt32());
        Assert.Equal(421, results[1].GetProperty("status").GetInt32());
        Assert.Contains("'cn-east'", results[1].GetProperty("problem").GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal((1, 0), (await CountEventsAsync(Eu), await CountEventsAsync(Cn)));
    }

    [Fact]
    public async Task Ingest_for_a_region_no_node_serves_is_503_naming_the_region()
    {
        using var channel = await cluster.Eu.CreateIngestClientAsync([Unserved], ["hq"]);

        using var response = await channel.PostAsync("/api/v1/events", Events.Json(_events.Feedback(Unserved)), Cancellation);

        var problem = await ProblemAsync(response, HttpStatusCode.ServiceUnavailable, "urn:cem:problem:region-unavailable");
        Assert.Contains("'ap-south'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Customer_read_of_a_region_no_node_serves_is_503_naming_the_region()
    {
        using var agent = await cluster.Eu.CreateClientAsAsync(CemRoles.Agent, ["hq"], [Unserved]);

        using var response = await agent.GetAsync($"/api/v1/customers/{Unserved}/c-{new string('0', 32)}", Cancellation);

        var problem = await ProblemAsync(response, HttpStatusCode.ServiceUnavailable, "urn:cem:problem:region-unavailable");
        Assert.Contains("'ap-south'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Administration_of_a_region_served_by_another_node_is_misdirected()
    {
        using var admin = await cluster.Eu.CreateClientAsAsync(CemRoles.Admin, ["hq"], [Eu, Cn]);

        using var response = await admin.PostAsync($"/api/v1/admin/analytics/{Cn}/rebuild", content: null, Cancellation);

        var problem = await ProblemAsync(response, HttpStatusCode.MisdirectedRequest, "urn:cem:problem:region-not-served-here");
        Assert.Contains("'cn-east'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cross_border_read_without_a_rule_is_denied_naming_the_missing_rule_and_recorded_once()
    {
        var customerId = await IngestAtCnAsync();
        using var agent = await cluster.Eu.CreateClientAsAsync(CemRoles.Agent, ["hq"], [Eu, Cn], purpose: "complaint");
        var before = await CountAuditAsync(AuditActions.ResidencyTransferDenied, "complaint");

        using var response = await agent.GetAsync($"/api/v1/customers/{Cn}/{customerId}", Cancellation);

        var problem = await ProblemAsync(response, HttpStatusCode.Forbidden, "urn:cem:problem:transfer-denied");
        Assert.Contains("From: 'cn-east', To: 'eu-central', Purpose: 'complaint', Categories: ['profile']",
            problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before + 1, await CountAuditAsync(AuditActions.ResidencyTransferDenied, "complaint"));
        await using var connection = new NpgsqlConnection(cluster.Eu.Databases.Control);
        var record = await connection.QuerySingleAsync<(string Resource, string Region, string Outcome, string Detail, string? Subject)>(
            "select resource, region, outcome, detail, subject from audit_records where action = @action order by sequence desc limit 1",
            new { action = AuditActions.ResidencyTransferDenied });
        Assert.Equal(("transfer/cn-east/eu-central", Cn, "denied", "category=profile; no rule"), (record.Resource, record.Region, record.Outcome, record.Detail));
        // The customer is named by its pseudonym, never its id.
        Assert.NotNull(record.Subject);
        Assert.DoesNotContain(customerId, record.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cross_border_read_allowed_by_a_rule_is_delivered_and_recorded_once()
    {
        var customerId = await IngestAtCnAsync();
        using var agent = await cluster.Eu.CreateClientAsAsync(CemRoles.Agent, ["hq"], [Eu, Cn]);
        var before = await CountAuditAsync(AuditActions.ResidencyTransferAllowed, TwoNodeCluster.AllowedPurpose);

        using var response = await agent.GetAsync($"/api/v1/customers/{Cn}/{customerId}", Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = await Events.ReadJsonAsync(response);
        Assert.Equal((Cn, customerId, 1), (view.GetProperty("region").GetString(), view.GetProperty("customerId").GetString(), view.GetProperty("eventCount").GetInt32()));
        Assert.Equal(before + 1, await CountAuditAsync(AuditActions.ResidencyTransferAllowed, TwoNodeCluster.AllowedPurpose));
    }

    [Fact]
    public async Task A_rule_allows_only_the_categories_it_names()
    {
        var customerId = await IngestAtCnAsync();
        using var agent = await cluster.Eu.CreateClientAsAsync(CemRoles.Agent, ["hq"], [Eu, Cn]);

        using var response = await agent.GetAsync($"/api/v1/customers/{Cn}/{customerId}/timeline", Cancellation);

        var problem = await ProblemAsync(response, HttpStatusCode.Forbidden, "urn:cem:problem:transfer-denied");
        Assert.Contains("Categories: ['events']", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reading_a_region_at_a_node_of_that_region_is_not_a_transfer()
    {
        var customerId = await IngestAtCnAsync();
        using var agent = await cluster.Cn.CreateClientAsAsync(CemRoles.Agent, ["hq"], [Cn], purpose: "complaint");
        var before = await CountAuditAsync("residency.%", "complaint");

        using var response = await agent.GetAsync($"/api/v1/customers/{Cn}/{customerId}/timeline", Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before, await CountAuditAsync("residency.%", "complaint"));
    }

    private async Task<string> IngestAtCnAsync()
    {
        using var channel = await cluster.Cn.CreateIngestClientAsync([Cn], ["hq"]);
        using var response = await channel.PostAsync("/api/v1/events", Events.Json(_events.Feedback(Cn, _events.Account(Random.Shared.Next()))), Cancellation);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await Events.ReadJsonAsync(response)).GetProperty("customerId").GetString()!;
    }

    private Task<long> CountEventsAsync(string region) =>
        cluster.Eu.Databases.CountAsync(region, "select count(*) from events where event_id like @tag", new { tag = _events.Tag + "-%" });

    private async Task<long> CountAuditAsync(string action, string purpose)
    {
        await using var connection = new NpgsqlConnection(cluster.Eu.Databases.Control);
        return await connection.ExecuteScalarAsync<long>(
            "select count(*) from audit_records where action like @action and purpose = @purpose", new { action, purpose });
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await Events.ReadJsonAsync(response);
        Assert.Equal(type, problem.GetProperty("type").GetString());
        return problem;
    }
}
