using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CemOnPrem.Audit.Records;
using CemOnPrem.Server.Tests.Support;

namespace CemOnPrem.Server.Tests.Governance;

/// <summary>
/// The retention purge through the admin API, with periods of <see cref="PrivacyServer.InactiveDays"/> days for inactive
/// customers and <see cref="PrivacyServer.FreeTextDays"/> days for free text.
/// </summary>
public sealed class RetentionTests(PrivacyServer server) : IClassFixture<PrivacyServer>
{
    private readonly Events _events = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_purge_removes_exactly_the_expired_rows_spares_held_customers_and_a_dry_run_removes_nothing()
    {
        var old = await PostAsync(_events.Account(1), daysAgo: 400);
        var held = await PostAsync(_events.Account(2), daysAgo: 400);
        var textAged = await PostAsync(_events.Account(3), daysAgo: 40);
        await PostAsync(_events.Account(3), daysAgo: 1);
        var recent = await PostAsync(_events.Account(4), daysAgo: 1);
        var hold = await PrivacyJson.ReadAsync(await server.Client.PostAsync("/api/v1/privacy/holds",
            Events.Json(new JsonObject { ["region"] = ServerDatabases.Eu, ["customerId"] = held, ["reason"] = "litigation-17" }), Cancellation), HttpStatusCode.Created);
        await server.ProjectAsync();
        var rollups = await server.RollupsAsync();
        var before = await SnapshotAsync(old, held, textAged, recent);
        var (dryAudits, realAudits) = (await server.AuditCountAsync(AuditActions.PurgeRetentionDryRun), await server.AuditCountAsync(AuditActions.PurgeRetention));

        var dry = await RunAsync("true");

        Assert.Equal(before, await SnapshotAsync(old, held, textAged, recent));
        Assert.Equal(dryAudits + 1, await server.AuditCountAsync(AuditActions.PurgeRetentionDryRun));
        var real = await RunAsync("false");

        Assert.Equal(Counts(dry), Counts(real));
        Assert.True(real.GetProperty("dryRun").GetBoolean() is false && dry.GetProperty("dryRun").GetBoolean());
        Assert.Equal(realAudits + 1, await server.AuditCountAsync(AuditActions.PurgeRetention));
        var inactive = Count(real, ServerDatabases.Eu, "inactive-customers");
        Assert.Equal((1L, 1L), (inactive.GetProperty("customers").GetInt64(), inactive.GetProperty("held").GetInt64()));
        var freeText = Count(real, ServerDatabases.Eu, "feedback-free-text");
        Assert.Equal((2L, 1L), (freeText.GetProperty("rows").GetInt64(), freeText.GetProperty("held").GetInt64())); // old's and textAged's old event; held's kept
        Assert.Equal(0L, Count(real, ServerDatabases.Cn, "inactive-customers").GetProperty("rows").GetInt64());

        Assert.Equal(0L, await server.ScalarAsync<long>("select count(*) from customers where customer_id = $1", old));
        Assert.Equal(0L, await server.ScalarAsync<long>("select count(*) from events where customer_id = $1", old));
        Assert.Equal(1L, await server.ScalarAsync<long>("select count(*) from events where customer_id = $1 and has_text", held));
        Assert.Equal((2L, 1L), (await server.ScalarAsync<long>("select count(*) from events where customer_id = $1", textAged),
            await server.ScalarAsync<long>("select count(*) from events where customer_id = $1 and has_text", textAged)));
        Assert.Equal(1L, await server.ScalarAsync<long>("select count(*) from events where customer_id = $1 and has_text", recent));
        await server.ProjectAsync();
        Assert.Equal(rollups, await server.RollupsAsync());
        Assert.True((await server.VerifyAsync()).Equal);

        await PrivacyJson.ReadAsync(await server.Client.PostAsync($"/api/v1/privacy/holds/{ServerDatabases.Eu}/{hold.GetProperty("holdId").GetString()}/release", null,
            Cancellation), HttpStatusCode.OK);
        var afterRelease = await RunAsync("false");
        Assert.Equal(1L, Count(afterRelease, ServerDatabases.Eu, "inactive-customers").GetProperty("customers").GetInt64());
        Assert.Equal(0L, await server.ScalarAsync<long>("select count(*) from customers where customer_id = $1", held));
        Assert.Equal(rollups, await server.RollupsAsync());
    }

    [Fact]
    public async Task Each_period_names_its_source_configuration_wins_over_packs_and_the_longest_pack_default_wins()
    {
        var report = await RunAsync("true");

        var periods = report.GetProperty("periods").EnumerateArray()
            .Select(p => $"{p.GetProperty("category").GetString()}={p.GetProperty("days").GetInt32()}/{p.GetProperty("source").GetString()}");
        Assert.Equal(
        [
            $"{PrivacyServer.PackId}/call-notes=20/pack:{PrivacyServer.PackId}",
            $"feedback-free-text={PrivacyServer.FreeTextDays}/configuration",
            $"inactive-customers={PrivacyServer.InactiveDays}/configuration",
            $"survey-invitations={PrivacyServer.LongerInvitationDays}/pack:{PrivacyServer.OtherPackId}",
        ], periods);
        var invitations = Count(report, ServerDatabases.Eu, "survey-invitations");
        Assert.Equal((PrivacyServer.LongerInvitationDays, $"pack:{PrivacyServer.OtherPackId}"),
            (invitations.GetProperty("days").GetInt32(), invitations.GetProperty("source").GetString()));
        Assert.Equal("configuration", Count(report, ServerDatabases.Eu, "inactive-customers").GetProperty("source").GetString());
        // The host purges only its own categories; a pack's own category is reported, not purged.
        Assert.DoesNotContain(report.GetProperty("counts").EnumerateArray(), c => c.GetProperty("category").GetString()!.Contains('/', StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bad_dry_run_flag_is_a_problem_naming_it()
    {
        var problem = await PrivacyJson.ReadAsync(await server.Client.PostAsync("/api/v1/admin/retention/run?dryRun=maybe", null, Cancellation), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("dryRun", out _));
    }

    private async Task<string> PostAsync(string account, int daysAgo) =>
        await server.PostAsync(_events.Feedback(account: account, occurredAt: DateTimeOffset.UtcNow.AddDays(-daysAgo).ToString("O", CultureInfo.InvariantCulture)));

    private async Task<JsonElement> RunAsync(string dryRun) =>
        await PrivacyJson.ReadAsync(await server.Client.PostAsync($"/api/v1/admin/retention/run?dryRun={dryRun}", null, Cancellation), HttpStatusCode.OK);

    private static JsonElement Count(JsonElement report, string region, string category) =>
        report.GetProperty("counts").EnumerateArray().Single(c => c.GetProperty("region").GetString() == region && c.GetProperty("category").GetString() == category);

    private static string Counts(JsonElement report) =>
        string.Join(";", report.GetProperty("counts").EnumerateArray().Select(c =>
            $"{c.GetProperty("region").GetString()}/{c.GetProperty("category").GetString()}={c.GetProperty("customers")}/{c.GetProperty("rows")}/{c.GetProperty("held")}"));

    private async Task<string> SnapshotAsync(params string[] customers) =>
        await server.ScalarAsync<string>(
            "select string_agg(customer_id || ':' || seq || ':' || has_text::text || ':' || encode(sha256(pii), 'hex'), ',' order by seq) from events where customer_id = any($1)", customers);
}
