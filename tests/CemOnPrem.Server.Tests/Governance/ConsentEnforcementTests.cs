using System.Net;
using System.Text.Json.Nodes;
using CemOnPrem.Audit.Records;
using CemOnPrem.Server.Tests.Support;

namespace CemOnPrem.Server.Tests.Governance;

/// <summary>The consent ledger through the API, and its enforcement in the projection: survey triggers and analytics objection.</summary>
public sealed class ConsentEnforcementTests(PrivacyServer server) : IClassFixture<PrivacyServer>
{
    private readonly Events _events = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Withdrawing_feedback_survey_suppresses_triggers_and_a_new_grant_restarts_them()
    {
        var account = _events.Account(1);
        var (customer, beforeAnyGrant) = await VisitAsync(account);
        await server.ConsentAsync(customer, "feedback-survey", "granted");
        var (_, granted) = await VisitAsync(account);
        await server.ConsentAsync(customer, "feedback-survey", "withdrawn");
        var (_, withdrawn) = await VisitAsync(account);
        await server.ConsentAsync(customer, "feedback-survey", "granted");
        var (_, regranted) = await VisitAsync(account);

        Assert.Equal("suppressed", await DecisionAsync(beforeAnyGrant)); // basis consent: nothing without a grant
        Assert.Equal("invited", await DecisionAsync(granted));
        Assert.Equal("suppressed", await DecisionAsync(withdrawn));
        Assert.Equal("invited", await DecisionAsync(regranted));
        Assert.Equal("no-consent:feedback-survey", await server.ScalarAsync<string>("select reason from survey_invitations where cause = $1", $"event:{withdrawn}"));
        Assert.Equal(TimeSpan.FromHours(1), await server.ScalarAsync<TimeSpan>(
            "select i.due_at - e.occurred_at from survey_invitations i join events e on i.cause = 'event:' || e.seq where e.seq = $1", granted));

        // Re-deriving the customer (an analytics ledger change re-stamps it) decides nothing twice.
        await server.ConsentAsync(customer, "analytics", "granted");
        await server.ProjectAsync();
        Assert.Equal(4L, await server.ScalarAsync<long>("select count(*) from survey_invitations where customer_id = $1", customer));
    }

    [Fact]
    public async Task An_analytics_objection_removes_the_customer_from_later_rollups_and_a_grant_brings_it_back()
    {
        var unit = "obj-" + _events.Tag;
        var put = await server.Client.PutAsync($"/api/v1/org-units/{unit}",
            Events.Json(new JsonObject { ["name"] = "Objection branch", ["level"] = "branch", ["parent"] = "hq" }), Cancellation);
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        var objector = await PostAtAsync(unit, _events.Account(10));
        await PostAtAsync(unit, _events.Account(11));
        await server.ProjectAsync();
        Assert.Equal(2, await NpsCountAsync(unit));

        await server.ConsentAsync(objector, "analytics", "withdrawn");
        await server.ProjectAsync();
        Assert.Equal(1, await NpsCountAsync(unit));

        await PostAtAsync(unit, _events.Account(10));
        await PostAtAsync(unit, _events.Account(11));
        await server.ProjectAsync();
        Assert.Equal(2, await NpsCountAsync(unit)); // the other customer's two answers; none of the objector's
        Assert.True((await server.VerifyAsync()).Equal);

        await server.ConsentAsync(objector, "analytics", "granted");
        await server.ProjectAsync();
        Assert.Equal(4, await NpsCountAsync(unit));
        Assert.True((await server.VerifyAsync()).Equal);
    }

    [Fact]
    public async Task The_ledger_keeps_every_version_and_states_each_purpose_by_its_legal_basis()
    {
        var (customer, _) = await VisitAsync(_events.Account(20));
        var before = await server.AuditCountAsync(AuditActions.ConsentRecord);
        await server.ConsentAsync(customer, "marketing", "granted");
        Assert.Equal(before + 1, await server.AuditCountAsync(AuditActions.ConsentRecord));
        var written = await server.ConsentAsync(customer, "marketing", "withdrawn");
        Assert.Equal(2, written.GetProperty("entry").GetProperty("version").GetInt32());

        var view = await server.Client.GetJsonAsync($"/api/v1/customers/{ServerDatabases.Eu}/{customer}/consents");
        var purposes = view.GetProperty("purposes").EnumerateArray().ToDictionary(p => p.GetProperty("purpose").GetString()!);
        Assert.False(purposes["marketing"].GetProperty("allowed").GetBoolean());
        Assert.Equal("withdrawn", purposes["marketing"].GetProperty("status").GetString());
        Assert.True(purposes["analytics"].GetProperty("allowed").GetBoolean()); // legitimate interest: allowed until objected
        Assert.Equal("legitimate-interest", purposes["analytics"].GetProperty("basis").GetString());
        Assert.False(purposes["feedback-survey"].GetProperty("allowed").GetBoolean()); // consent: not without a grant
        var history = view.GetProperty("history").EnumerateArray().Where(e => e.GetProperty("purpose").GetString() == "marketing").ToList();
        Assert.Equal(["granted", "withdrawn"], history.Select(e => e.GetProperty("status").GetString()));
        Assert.All(history, e => Assert.Equal("web-preferences", e.GetProperty("source").GetString()));
        Assert.All(history, e => Assert.StartsWith("user:", e.GetProperty("recordedBy").GetString(), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"status":"granted","source":"web","policyVersion":"1"}""", "purpose", 400)]
    [InlineData("""{"purpose":"astrology","status":"granted","source":"web","policyVersion":"1"}""", "purpose", 422)]
    [InlineData("""{"purpose":"marketing","status":"maybe","source":"web","policyVersion":"1"}""", "status", 400)]
    [InlineData("""{"purpose":"marketing","status":"granted","policyVersion":"1"}""", "source", 400)]
    [InlineData("""{"purpose":"marketing","status":"granted","source":"web"}""", "policyVersion", 400)]
    public async Task Bad_consent_input_is_a_problem_naming_the_field(string body, string field, int status)
    {
        var (customer, _) = await VisitAsync(_events.Account(30));

        var response = await server.Client.PostAsync($"/api/v1/customers/{ServerDatabases.Eu}/{customer}/consents",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Cancellation);

        var problem = await PrivacyJson.ReadAsync(response, (HttpStatusCode)status);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), body);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0L, await server.ScalarAsync<long>("select count(*) from consent_entries where customer_id = $1", customer));
    }

    /// <returns>The customer and the event's sequence number, after the projection has seen it.</returns>
    private async Task<(string Customer, long Sequence)> VisitAsync(string account)
    {
        var response = await server.Client.PostAsync("/api/v1/events", Events.Json(_events.Feedback(account: account)), Cancellation);
        var receipt = await PrivacyJson.ReadAsync(response, HttpStatusCode.Accepted);
        await server.ProjectAsync();
        return (receipt.GetProperty("customerId").GetString()!, receipt.GetProperty("sequence").GetInt64());
    }

    private async Task<string> DecisionAsync(long sequence) =>
        await server.ScalarAsync<string>("select decision from survey_invitations where pack_id = $1 and survey_id = $2 and cause = $3",
            PrivacyServer.PackId, PrivacyServer.SurveyId, $"event:{sequence}");

    private async Task<string> PostAtAsync(string unit, string account)
    {
        var e = _events.Feedback(account: account, nps: 9);
        e["orgUnit"] = unit;
        return await server.PostAsync(e);
    }

    private async Task<long> NpsCountAsync(string unit) =>
        (long)await server.ScalarAsync<decimal>("select coalesce(sum(n), 0) from metric_rollup_cells where metric = 'nps' and org_unit = $1 and journey = '' and stage = ''", unit);
}
