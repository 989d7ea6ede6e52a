using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CemOnPrem.Audit.Checkpoints;
using CemOnPrem.Audit.Records;
using CemOnPrem.Governance.Erasure;
using CemOnPrem.Server.Tests.Support;
using CemOnPrem.Storage.Databases;
using CemOnPrem.Storage.Encryption;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CemOnPrem.Server.Tests.Governance;

/// <summary>Data-subject requests end to end: lifecycle and deadlines, four-eyes approval, erasure with its receipt, legal holds, rectification.</summary>
public sealed class PrivacyRequestTests(PrivacyServer server) : IClassFixture<PrivacyServer>
{
    private readonly Events _events = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Erasure_of_a_stitched_subject_removes_every_row_keeps_the_rollups_and_issues_a_signed_receipt()
    {
        var (x, y) = (_events.Account(1), _events.Account(2));
        var first = await server.PostAsync(_events.Feedback(account: x, nps: 9));
        var second = await server.PostAsync(_events.Feedback(account: y, nps: 3));
        var both = _events.Feedback(account: x, nps: 10);
        both["customer"] = new JsonArray(new JsonObject { ["type"] = "account", ["value"] = x }, new JsonObject { ["type"] = "account", ["value"] = y });
        var survivor = await server.PostAsync(both);
        string[] ids = [first, second];
        Assert.Equal(1L, await server.ScalarAsync<long>("select count(*) from customers where customer_id = any($1) and merged_into is not null", ids));
        await server.ConsentAsync(survivor, "feedback-survey", "granted");
        await ReleaseAsync(await PlaceHoldAsync(survivor)); // a released hold leaves a row, and does not block
        await server.ProjectAsync();
        Assert.True(await server.ScalarAsync<long>("select count(*) from survey_invitations where customer_id = any($1)", ids) > 0);
        Assert.True(await server.ScalarAsync<long>("select count(*) from customer_analytics where customer_id = any($1)", ids) > 0);
        var rollups = await server.RollupsAsync();
        Assert.True((await server.VerifyAsync()).Equal);
        var executed = await server.AuditCountAsync(AuditActions.ErasureExecute);

        var request = await FileAsync(new JsonObject
        {
            ["type"] = "erasure", ["region"] = ServerDatabases.Eu, ["identity"] = new JsonObject { ["type"] = "account", ["value"] = y },
        });
        Assert.Equal(survivor, request.GetProperty("customerId").GetString());
        var id = request.GetProperty("requestId").GetString();
        var self = await PrivacyJson.ReadAsync(await server.Client.PostAsync($"/api/v1/privacy/requests/{id}/approve", null, Cancellation), HttpStatusCode.Conflict);
        Assert.Contains("another compliance user", self.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var approver = await server.SecondComplianceAsync();
        await PrivacyJson.ReadAsync(await approver.PostAsync($"/api/v1/privacy/requests/{id}/approve", null, Cancellation), HttpStatusCode.OK);
        var completed = await PrivacyJson.ReadAsync(await server.Client.PostAsync($"/api/v1/privacy/requests/{id}/complete", null, Cancellation), HttpStatusCode.OK);

        Assert.Equal("completed", completed.GetProperty("status").GetString());
        foreach (var table in ErasureTables.Erased)
        {
            Assert.Equal(0L, await server.ScalarAsync<long>($"select count(*) from {table} where customer_id = any($1)", ids));
        }

        Assert.Equal(0L, await server.ScalarAsync<long>("select count(*) from grain_state where grain_key = any($1)", ids.Select(c => $"{ServerDatabases.Eu}/{c}").ToArray()));
        foreach (var account in new[] { x, y })
        {
            var lookup = await server.Client.GetAsync($"/api/v1/customers/{ServerDatabases.Eu}/lookup?type=account&value={account}", Cancellation);
            Assert.Equal(HttpStatusCode.Forbidden, lookup.StatusCode); // the answer for "nobody"
        }

        await server.ProjectAsync();
        Assert.Equal(rollups, await server.RollupsAsync());
        Assert.True((await server.VerifyAsync()).Equal);
        Assert.Equal(executed + 1, await server.AuditCountAsync(AuditActions.ErasureExecute));

        var receipt = await server.Client.GetJsonAsync($"/api/v1/privacy/requests/{id}/receipt");
        var document = JsonDocument.Parse(receipt.GetProperty("document").GetString()!).RootElement;
        Assert.Equal(3, document.GetProperty("categories").GetProperty("events").GetInt64());
        Assert.Equal(2, document.GetProperty("customerIds").GetInt32());
        Assert.NotEqual(document.GetProperty("requestedBy").GetString(), document.GetProperty("approvedBy").GetString());
        var key = server.Factory.Services.GetRequiredService<AuditSigningKey>().Key;
        Assert.True(key.VerifyData(Encoding.UTF8.GetBytes(receipt.GetProperty("document").GetString()!), Convert.FromBase64String(receipt.GetProperty("signature").GetString()!),
            HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        Assert.Equal(CheckpointSignatures.KeyIdOf(key), receipt.GetProperty("keyId").GetString());
    }

    [Fact]
    public async Task A_legal_hold_blocks_erasure_with_a_409_naming_the_hold_until_it_is_released()
    {
        var customer = await server.PostAsync(_events.Feedback(account: _events.Account(3)));
        var hold = await PlaceHoldAsync(customer);
        var request = await FileAsync(new JsonObject { ["type"] = "erasure", ["region"] = ServerDatabases.Eu, ["customerId"] = customer });
        var id = request.GetProperty("requestId").GetString();
        using var approver = await server.SecondComplianceAsync();
        await PrivacyJson.ReadAsync(await approver.PostAsync($"/api/v1/privacy/requests/{id}/approve", null, Cancellation), HttpStatusCode.OK);
        var refused = await server.AuditCountAsync(AuditActions.ErasureRefused);

        var blocked = await server.Client.PostAsync($"/api/v1/privacy/requests/{id}/complete", null, Cancellation);

        var problem = await PrivacyJson.ReadAsync(blocked, HttpStatusCode.Conflict);
        Assert.Equal("urn:cem:problem:legal-hold", problem.GetProperty("type").GetString());
        Assert.Contains(hold, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1L, await server.ScalarAsync<long>("select count(*) from customers where customer_id = $1", customer));
        Assert.Equal("approved", (await server.Client.GetJsonAsync($"/api/v1/privacy/requests/{id}")).GetProperty("status").GetString());
        Assert.Equal(refused + 1, await server.AuditCountAsync(AuditActions.ErasureRefused));

        await ReleaseAsync(hold);
        await PrivacyJson.ReadAsync(await server.Client.PostAsync($"/api/v1/privacy/requests/{id}/complete", null, Cancellation), HttpStatusCode.OK);
        Assert.Equal(0L, await server.ScalarAsync<long>("select count(*) from customers where customer_id = $1", customer));
    }

    [Fact]
    public async Task A_request_moves_received_approved_completed_or_rejected_within_its_deadline_and_overdue_ones_are_listed()
    {
        var customer = await server.PostAsync(_events.Feedback(account: _events.Account(4)));
        var filed = await server.AuditCountAsync(AuditActions.DsarRequest);
        var access = await FileAsync(new JsonObject { ["type"] = "access", ["region"] = ServerDatabases.Eu, ["customerId"] = customer });
        Assert.Equal(filed + 1, await server.AuditCountAsync(AuditActions.DsarRequest));
        Assert.Equal("received", access.GetProperty("status").GetString());
        Assert.Equal(access.GetProperty("receivedAt").GetDateTime().AddMonths(1), access.GetProperty("dueAt").GetDateTime());
        var accessId = access.GetProperty("requestId").GetString();
        using var approver = await server.SecondComplianceAsync();
        await PrivacyJson.ReadAsync(await approver.PostAsync($"/api/v1/privacy/requests/{accessId}/approve", null, Cancellation), HttpStatusCode.OK);
        // An access request completes with where its export is downloaded (generated on download, never kept at rest).
        var completed = await PrivacyJson.ReadAsync(await server.Client.PostAsync($"/api/v1/privacy/requests/{accessId}/complete", null, Cancellation), HttpStatusCode.OK);
        Assert.Equal("completed", completed.GetProperty("status").GetString());
        Assert.Equal($"/api/v1/privacy/subjects/{ServerDatabases.Eu}/{customer}/export", completed.GetProperty("note").GetString());

        var erasure = await FileAsync(new JsonObject { ["type"] = "erasure", ["region"] = ServerDatabases.Eu, ["customerId"] = customer });
        var erasureId = erasure.GetProperty("requestId").GetString();
        var noReason = await PrivacyJson.ReadAsync(await server.Client.PostAsync($"/api/v1/privacy/requests/{erasureId}/reject", Events.Json(new JsonObject()), Cancellation),
            HttpStatusCode.BadRequest);
        Assert.True(noReason.GetProperty("errors").TryGetProperty("reason", out _));
        var rejected = await PrivacyJson.ReadAsync(await server.Client.PostAsync($"/api/v1/privacy/requests/{erasureId}/reject",
            Events.Json(new JsonObject { ["reason"] = "identity not verified" }), Cancellation), HttpStatusCode.OK);
        Assert.Equal("rejected", rejected.GetProperty("status").GetString());
        await PrivacyJson.ReadAsync(await approver.PostAsync($"/api/v1/privacy/requests/{erasureId}/approve", null, Cancellation), HttpStatusCode.Conflict);

        // Time passes: an open request past its deadline is listed as overdue; closed ones (completed, rejected) are not.
        var open = (await FileAsync(new JsonObject { ["type"] = "access", ["region"] = ServerDatabases.Eu, ["customerId"] = customer }))
            .GetProperty("requestId").GetString();
        await server.ScalarAsync<int>("update privacy_requests set due_at = now() - interval '1 day' where request_id = any($1::uuid[]) returning 1",
            new[] { open!, accessId!, erasureId! });
        var overdue = (await server.Client.GetJsonAsync("/api/v1/privacy/requests?overdue=true")).GetProperty("items").EnumerateArray()
            .Select(r => r.GetProperty("requestId").GetString()).ToList();
        Assert.Contains(open, overdue);
        Assert.DoesNotContain(accessId, overdue);
        Assert.DoesNotContain(erasureId, overdue);
    }

    [Fact]
    public async Task A_compliance_officer_of_another_region_neither_sees_nor_acts_on_a_request()
    {
        var customer = await server.PostAsync(_events.Feedback(account: _events.Account(7)));
        var request = await FileAsync(new JsonObject { ["type"] = "erasure", ["region"] = ServerDatabases.Eu, ["customerId"] = customer });
        var id = request.GetProperty("requestId").GetString();
        using var elsewhere = await server.Factory.CreateClientAsAsync(CemOnPrem.Identity.Authorization.CemRoles.Compliance, ["hq"], [ServerDatabases.Cn]);

        Assert.Equal(HttpStatusCode.Forbidden, (await elsewhere.GetAsync($"/api/v1/privacy/requests/{id}", Cancellation)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await elsewhere.PostAsync($"/api/v1/privacy/requests/{id}/approve", null, Cancellation)).StatusCode);
        var listed = (await elsewhere.GetJsonAsync("/api/v1/privacy/requests")).GetProperty("items").EnumerateArray().Select(r => r.GetProperty("requestId").GetString());
        Assert.DoesNotContain(id, listed);
        Assert.Equal("received", (await server.Client.GetJsonAsync($"/api/v1/privacy/requests/{id}")).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("""{"region":"eu-central","customerId":"c-00000000000000000000000000000000"}""", "type", 400)]
    [InlineData("""{"type":"erasure","region":"mars","customerId":"c-00000000000000000000000000000000"}""", "region", 422)]
    [InlineData("""{"type":"erasure","region":"eu-central"}""", "customerId", 400)]
    [InlineData("""{"type":"erasure","region":"eu-central","customerId":"c-00000000000000000000000000000000"}""", "customerId", 422)]
    [InlineData("""{"type":"erasure","region":"eu-central","identity":{"type":"account"}}""", "identity.value", 400)]
    [InlineData("""{"type":"rectification","region":"eu-central","customerId":"c-00000000000000000000000000000000"}""", "changes", 400)]
    public async Task Bad_requests_are_problems_naming_the_field(string body, string field, int status)
    {
        var response = await server.Client.PostAsync("/api/v1/privacy/requests", new StringContent(body, Encoding.UTF8, "application/json"), Cancellation);

        var problem = await PrivacyJson.ReadAsync(response, (HttpStatusCode)status);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), body);
    }

    [Fact]
    public async Task Rectification_corrects_an_identity_value_through_the_request_flow()
    {
        var (wrong, right) = (_events.Account(5), _events.Account(6));
        var customer = await server.PostAsync(_events.Feedback(account: wrong));
        var request = await FileAsync(new JsonObject
        {
            ["type"] = "rectification", ["region"] = ServerDatabases.Eu, ["customerId"] = customer,
            ["changes"] = new JsonObject { ["identity"] = new JsonObject { ["type"] = "account", ["value"] = wrong, ["newValue"] = right } },
        });
        var id = request.GetProperty("requestId").GetString();
        using var approver = await server.SecondComplianceAsync();
        await PrivacyJson.ReadAsync(await approver.PostAsync($"/api/v1/privacy/requests/{id}/approve", null, Cancellation), HttpStatusCode.OK);

        await PrivacyJson.ReadAsync(await server.Client.PostAsync($"/api/v1/privacy/requests/{id}/complete", null, Cancellation), HttpStatusCode.OK);

        var found = await server.Client.GetJsonAsync($"/api/v1/customers/{ServerDatabases.Eu}/lookup?type=account&value={right}");
        Assert.Equal(customer, found.GetProperty("customerId").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await server.Client.GetAsync($"/api/v1/customers/{ServerDatabases.Eu}/lookup?type=account&value={wrong}", Cancellation)).StatusCode);
        Assert.Equal(0L, await server.ScalarAsync<long>("select count(*) from privacy_requests where request_id = $1::uuid and changes is not null", id!));
    }

    [Fact]
    public async Task Every_region_table_with_a_customer_id_column_is_erased_or_kept_on_purpose()
    {
        var tables = await server.ScalarAsync<string[]>(
            "select array_agg(table_name::text order by table_name) from information_schema.columns where table_schema = 'public' and column_name = 'customer_id'");

        var forgotten = tables.Where(t => !ErasureTables.Erased.Contains(t) && !ErasureTables.Kept.ContainsKey(t)).ToList();
        Assert.True(forgotten.Count == 0, "Not covered by erasure (add to ErasureTables): " + string.Join(", ", forgotten));
        Assert.Contains("events", tables);
    }

    [Fact]
    public async Task An_erasure_drops_the_subjects_data_key_from_another_nodes_cache()
    {
        var account = _events.Account(5);
        var customer = await server.PostAsync(_events.Feedback(account: account));
        // A copy of the ciphertext that outlives the erasure (a backup, a lagging replica).
        var ciphertext = await server.ScalarAsync<byte[]>("select pii from events where customer_id = $1 limit 1", customer);
        var regions = server.Factory.Services.GetRequiredService<RegionDatabases>();
        var keks = server.Factory.Services.GetRequiredService<IKeyEncryptionKeyProvider>();
        var (otherNode, unawareNode) = (new FieldProtection(regions, keks, new PersonalDataOptions()), new FieldProtection(regions, keks, new PersonalDataOptions()));
        using var listener = new KeyShredListener(regions, otherNode, NullLogger<KeyShredListener>.Instance);
        await listener.StartAsync(Cancellation);
        await listener.WhenListeningAsync(ServerDatabases.Eu).WaitAsync(TimeSpan.FromSeconds(30), Cancellation);
        await otherNode.KeysForAsync(ServerDatabases.Eu, [ciphertext], Cancellation);
        await unawareNode.KeysForAsync(ServerDatabases.Eu, [ciphertext], Cancellation);

        var request = await FileAsync(new JsonObject { ["type"] = "erasure", ["region"] = ServerDatabases.Eu, ["customerId"] = customer });
        var id = request.GetProperty("requestId").GetString();
        using var approver = await server.SecondComplianceAsync();
        await PrivacyJson.ReadAsync(await approver.PostAsync($"/api/v1/privacy/requests/{id}/approve", null, Cancellation), HttpStatusCode.OK);
        await PrivacyJson.ReadAsync(await server.Client.PostAsync($"/api/v1/privacy/requests/{id}/complete", null, Cancellation), HttpStatusCode.OK);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await HoldsKeyAsync(otherNode, ciphertext))
        {
            Assert.True(DateTime.UtcNow < deadline, "the other node still holds the erased subject's data key");
            await Task.Delay(50, Cancellation);
        }

        // Without the announcement the unwrapped key would still be in memory.
        Assert.True(await HoldsKeyAsync(unawareNode, ciphertext));
        await listener.StopAsync(Cancellation);
    }

    private static async Task<bool> HoldsKeyAsync(FieldProtection node, byte[] ciphertext)
    {
        try
        {
            await node.KeysForAsync(ServerDatabases.Eu, [ciphertext], Cancellation);
            return true;
        }
        catch (DataKeyUnavailableException)
        {
            return false;
        }
    }

    private async Task<JsonElement> FileAsync(JsonObject body) =>
        await PrivacyJson.ReadAsync(await server.Client.PostAsync("/api/v1/privacy/requests", Events.Json(body), Cancellation), HttpStatusCode.Created);

    private async Task<string> PlaceHoldAsync(string customer)
    {
        var placed = await PrivacyJson.ReadAsync(await server.Client.PostAsync("/api/v1/privacy/holds",
            Events.Json(new JsonObject { ["region"] = ServerDatabases.Eu, ["customerId"] = customer, ["reason"] = "case-4711" }), Cancellation), HttpStatusCode.Created);
        return placed.GetProperty("holdId").GetString()!;
    }

    private async Task ReleaseAsync(string hold) =>
        await PrivacyJson.ReadAsync(await server.Client.PostAsync($"/api/v1/privacy/holds/{ServerDatabases.Eu}/{hold}/release", null, Cancellation), HttpStatusCode.OK);
}
