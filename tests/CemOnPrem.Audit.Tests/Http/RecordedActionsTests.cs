using System.Net;
using System.Text;
using CemOnPrem.Audit.Pseudonyms;
using CemOnPrem.Audit.Records;
using CemOnPrem.Audit.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CemOnPrem.Audit.Tests.Http;

/// <summary>Each audited action class produces exactly one record, with the right fields.</summary>
public sealed class RecordedActionsTests(AuditServerFixture server) : IClassFixture<AuditServerFixture>
{
    private readonly TestEvents _events = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private SubjectPseudonyms Pseudonyms => server.Factory.Services.GetRequiredService<SubjectPseudonyms>();

    [Fact]
    public async Task Reading_a_customer_records_one_allowed_read_of_its_pseudonym()
    {
        using var client = server.Client("officer-" + _events.Tag, "agent");
        var customerId = await TestEvents.PostAsync(client, _events.Feedback("ACCT-" + _events.Tag));
        var head = await server.HeadAsync();

        var response = await client.GetAsync($"/api/v1/customers/eu-central/{customerId}", Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var record = Assert.Single(await server.RecordsAfterAsync(head));
        Assert.Equal(AuditActions.CustomerRead, record.Action);
        Assert.Equal("user:officer-" + _events.Tag, record.Actor);
        Assert.Equal(["agent"], record.Roles);
        Assert.Equal("GET /api/v1/customers/{region}/{customerId}", record.Resource);
        Assert.Equal(Pseudonyms.Of(new AuditSubject("eu-central", customerId)), record.Subject);
        Assert.Equal("eu-central", record.Region);
        Assert.Equal("allowed", record.Outcome);
        Assert.Equal("status=200", record.Detail);
        Assert.False(string.IsNullOrEmpty(record.TraceId));
    }

    [Fact]
    public async Task Reading_a_merged_customer_records_the_redirect_once()
    {
        using var client = server.Client("officer-" + _events.Tag, "agent");
        await TestEvents.PostAsync(client, _events.Feedback("ACCT-A-" + _events.Tag));
        var merged = await TestEvents.PostAsync(client, _events.Feedback("ACCT-B-" + _events.Tag));
        var link = _events.Feedback("ACCT-A-" + _events.Tag);
        ((System.Text.Json.Nodes.JsonArray)link["customer"]!).Add(new System.Text.Json.Nodes.JsonObject { ["type"] = "account", ["value"] = "ACCT-B-" + _events.Tag });
        await TestEvents.PostAsync(client, link);
        var head = await server.HeadAsync();

        var response = await client.GetAsync($"/api/v1/customers/eu-central/{merged}", Cancellation);

        Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
        var record = Assert.Single(await server.RecordsAfterAsync(head));
        Assert.Equal(("allowed", "status=308"), (record.Outcome, record.Detail));
        Assert.Equal(Pseudonyms.Of(new AuditSubject("eu-central", merged)), record.Subject);
    }

    [Fact]
    public async Task Reading_a_timeline_with_a_declared_purpose_records_the_purpose()
    {
        using var client = server.Client("officer-" + _events.Tag, "agent");
        var customerId = await TestEvents.PostAsync(client, _events.Feedback("ACCT-" + _events.Tag));
        var head = await server.HeadAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/customers/eu-central/{customerId}/timeline");
        client.DefaultRequestHeaders.Remove("X-Cem-Purpose");
        request.Headers.Add("X-Cem-Purpose", "complaint");

        var response = await client.SendAsync(request, Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var record = Assert.Single(await server.RecordsAfterAsync(head));
        Assert.Equal(AuditActions.CustomerTimelineRead, record.Action);
        Assert.Equal("complaint", record.Purpose);
        Assert.Equal(Pseudonyms.Of(new AuditSubject("eu-central", customerId)), record.Subject);
    }

    [Fact]
    public async Task A_purpose_outside_the_configured_list_is_denied_and_the_denial_recorded()
    {
        using var client = server.Client("officer-" + _events.Tag, "agent");
        client.DefaultRequestHeaders.Remove("X-Cem-Purpose");
        var head = await server.HeadAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/customers/eu-central/lookup?type=account&value=x");
        request.Headers.Add("X-Cem-Purpose", "Marketing To John Doe");

        var response = await client.SendAsync(request, Cancellation);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var record = Assert.Single(await server.RecordsAfterAsync(head));
        Assert.Equal((AuditActions.AccessDenied, "denied"), (record.Action, record.Outcome));
        Assert.Null(record.Purpose); // a malformed declaration is not stored
    }

    [Fact]
    public async Task A_lookup_records_the_customer_it_found_by_pseudonym()
    {
        using var client = server.Client("officer-" + _events.Tag, "agent");
        var customerId = await TestEvents.PostAsync(client, _events.Feedback("ACCT-" + _events.Tag));
        var head = await server.HeadAsync();

        var response = await client.GetAsync($"/api/v1/customers/eu-central/lookup?type=account&value=ACCT-{_events.Tag}", Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var record = Assert.Single(await server.RecordsAfterAsync(head));
        Assert.Equal(AuditActions.CustomerLookup, record.Action);
        Assert.Equal(Pseudonyms.Of(new AuditSubject("eu-central", customerId)), record.Subject);
    }

    [Fact]
    public async Task A_lookup_that_finds_nobody_records_a_failed_lookup_without_subject()
    {
        using var client = server.Client("officer-" + _events.Tag, "agent");
        var head = await server.HeadAsync();

        var response = await client.GetAsync($"/api/v1/customers/eu-central/lookup?type=account&value=NOBODY-{_events.Tag}", Cancellation);

        // Identity answers "nobody" like "not yours" (403), so the lookup cannot probe for customers.
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var record = Assert.Single(await server.RecordsAfterAsync(head));
        Assert.Equal(("denied", "status=403"), (record.Outcome, record.Detail));
        Assert.Null(record.Subject);
    }

    [Fact]
    public async Task A_batch_is_recorded_once_not_per_event()
    {
        using var client = server.Client();
        client.DefaultRequestHeaders.Add("X-Test-Client", "branch-tablet-7");
        var head = await server.HeadAsync();

        var response = await client.PostAsync("/api/v1/events/batch",
            TestEvents.Ndjson(Enumerable.Range(1, 20).Select(n => _events.Feedback($"ACCT-{_events.Tag}-{n}"))), Cancellation);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var record = Assert.Single(await server.RecordsAfterAsync(head));
        Assert.Equal(AuditActions.IngestBatch, record.Action);
        Assert.Equal("client:branch-tablet-7", record.Actor);
        Assert.Equal("POST /api/v1/events/batch", record.Resource);
        Assert.Equal(("allowed", "events=20"), (record.Outcome, record.Detail));
        Assert.Null(record.Subject);
    }

    [Fact]
    public async Task A_single_event_is_recorded_once()
    {
        using var client = server.Channel();
        var head = await server.HeadAsync();

        await TestEvents.PostAsync(client, _events.Feedback("ACCT-" + _events.Tag));

        var record = Assert.Single(await server.RecordsAfterAsync(head));
        Assert.Equal(AuditActions.IngestEvent, record.Action);
        Assert.Equal("client:test-channel", record.Actor);
        Assert.Empty(record.Roles);
        Assert.Equal(("allowed", "events=1"), (record.Outcome, record.Detail));
    }

    [Fact]
    public async Task An_invalid_event_is_recorded_once_as_failed()
    {
        using var client = server.Channel();
        var head = await server.HeadAsync();
        var invalid = _events.Feedback("ACCT-" + _events.Tag);
        invalid["occurredAt"] = "yesterday";

        var response = await client.PostAsync("/api/v1/events", TestEvents.Json(invalid), Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var record = Assert.Single(await server.RecordsAfterAsync(head));
        Assert.Equal((AuditActions.IngestEvent, "failed", "status=400"), (record.Action, record.Outcome, record.Detail));
    }

    [Fact]
    public async Task Org_unit_write_and_import_are_recorded_once_each()
    {
        using var client = server.Client("admin-" + _events.Tag, "admin");
        var head = await server.HeadAsync();

        var put = await client.PutAsync($"/api/v1/org-units/hq-{_events.Tag}",
            new StringContent("""{"name":"Head office","level":"hq"}""", Encoding.UTF8, "application/json"), Cancellation);
        var import = await client.PostAsync("/api/v1/org-units/import",
            new StringContent($"code,name,level,parent\nbr-{_events.Tag},Branch,branch,hq-{_events.Tag}\n", Encoding.UTF8, "text/csv"), Cancellation);

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        var records = await server.RecordsAfterAsync(head);
        Assert.Equal(2, records.Count);
        Assert.Equal((AuditActions.OrgUnitWrite, $"org-unit/hq-{_events.Tag}", "allowed"), (records[0].Action, records[0].Resource, records[0].Outcome));
        Assert.Equal((AuditActions.OrgUnitImport, "POST /api/v1/org-units/import", "allowed"), (records[1].Action, records[1].Resource, records[1].Outcome));
    }

    [Fact]
    public async Task A_pack_switch_is_recorded_with_its_outcome_and_an_unknown_pack_keeps_the_route_template()
    {
        using var client = server.Client("admin-" + _events.Tag, "admin");
        var head = await server.HeadAsync();

        var response = await client.PostAsync("/api/v1/packs/com.example.unknown/disable",
            new StringContent("""{"reason":"maintenance"}""", Encoding.UTF8, "application/json"), Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var record = Assert.Single(await server.RecordsAfterAsync(head));
        Assert.Equal((AuditActions.PackDisable, "POST /api/v1/packs/{id}/disable", "failed"), (record.Action, record.Resource, record.Outcome));
    }

    [Fact]
    public async Task Unread_endpoints_record_nothing()
    {
        using var client = server.Client("admin-" + _events.Tag, "admin");
        var head = await server.HeadAsync();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/packs", Cancellation)).StatusCode);

        Assert.Empty(await server.RecordsAfterAsync(head));
    }
}
