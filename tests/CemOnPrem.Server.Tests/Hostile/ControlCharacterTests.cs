using System.Net;
using System.Text.Json.Nodes;
using CemOnPrem.Contracts.Text;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Server.Tests.Support;

namespace CemOnPrem.Server.Tests.Hostile;

/// <summary>
/// Control characters (docs/security.md, "Input rules"): NUL, BEL, ESC, DEL, C1 controls and unpaired surrogates are
/// refused in query values, paths, headers, form fields and every JSON string, with 400 problem+json naming the field,
/// before anything is stored or any form reader (OpenIddict, antiforgery) sees them.
/// </summary>
public sealed class ControlCharacterTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly Events _events = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("a\u0000b", false)]
    [InlineData("\u0007", false)]
    [InlineData("\u001b[2J", false)]
    [InlineData("\u007f", false)]
    [InlineData("\u0085", false)]
    [InlineData("line\r\nbreak\tand tab", true)]
    [InlineData("emoji \ud83d\ude00 and 中文", true)]
    public void Free_text_allows_only_tab_cr_and_lf_among_the_controls(string text, bool allowed)
    {
        Assert.Equal(allowed, InputText.CheckFreeText(text) is null);
        Assert.False(allowed && text.Contains('\n', StringComparison.Ordinal) && InputText.CheckSingleLine(text) is null);
    }

    [Fact]
    public void Unpaired_surrogates_are_refused_and_pairs_are_kept()
    {
        Assert.NotNull(InputText.CheckFreeText(new string((char)0xD800, 1)));
        Assert.NotNull(InputText.CheckFreeText("a" + (char)0xDC00 + "b"));
        Assert.NotNull(InputText.CheckSingleLine((char)0xDBFF + "x"));
        Assert.Null(InputText.CheckSingleLine("\ud83d\ude00"));
    }

    [Theory]
    [InlineData("/api/v1/org-units?under=%00", "under")]
    [InlineData("/api/v1/org-units?under=north%07", "under")]
    [InlineData("/api/v1/org-units?under=north%0A", "under")]
    [InlineData("/api/v1/metrics/nps?orgUnit=%C2%85", "orgUnit")]
    [InlineData("/api/v1/metrics/nps?groupBy=month%1B", "groupBy")]
    [InlineData("/api/v1/org-units/north%01", "path")]
    [InlineData("/api/v1/org-units/north%C2%9B", "path")]
    [InlineData("/api/v1/org-units/north%7F", "path")]
    public async Task A_control_character_in_a_query_value_or_the_path_is_a_400_naming_it(string url, string field)
    {
        using var admin = await server.Factory.CreateClientAsAsync(CemRoles.Admin, ["hq"], [ServerDatabases.Eu]);

        await ProblemAssert.RefusedAsync(await admin.GetAsync(url, Cancellation), field);
    }

    [Fact]
    public async Task A_control_character_in_a_data_header_is_a_400_naming_it()
    {
        using var agent = await server.Factory.CreateClientAsAsync(CemRoles.Agent, ["hq"], [ServerDatabases.Eu], purpose: null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/org-units");
        request.Headers.TryAddWithoutValidation(CemPolicies.PurposeHeader, "complaint\u0007");

        await ProblemAssert.RefusedAsync(await agent.SendAsync(request, Cancellation), "header " + CemPolicies.PurposeHeader);
    }

    [Theory]
    [InlineData("/connect/token", "client_secret")]
    [InlineData("/connect/token", "grant_type")]
    [InlineData("/connect/revoke", "token")]
    [InlineData("/connect/introspect", "token")]
    [InlineData("/account/login", "password")]
    [InlineData("/account/login", "username")]
    public async Task A_control_character_in_a_form_field_is_refused_before_the_form_is_read(string endpoint, string field)
    {
        var (clientId, secret) = await server.Factory.AddIngestClientAsync([ServerDatabases.Eu], ["hq"]);
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
            ["token"] = "some-token",
            ["username"] = "someone",
            ["password"] = "Passw0rd-x",
        };
        using var anonymous = server.Factory.CreateClient();

        foreach (var forbidden in HostileValues.Forbidden.Append("\u0000"))
        {
            var hostile = new Dictionary<string, string>(form) { [field] = form[field] + forbidden };
            await ProblemAssert.RefusedAsync(await anonymous.PostAsync(endpoint, new FormUrlEncodedContent(hostile), Cancellation), field);
        }
    }

    [Theory]
    [InlineData("/connect/token")]
    [InlineData("/account/login")]
    public async Task Line_breaks_and_tabs_in_a_form_field_pass_the_guard(string endpoint)
    {
        using var anonymous = server.Factory.CreateClient();

        var response = await anonymous.PostAsync(endpoint, new FormUrlEncodedContent(new Dictionary<string, string> { ["password"] = "a\tb\r\nc" }), Cancellation);

        // Whatever the endpoint itself answers (invalid request, expired form), the control-character guard let it through.
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.DoesNotContain(InputText.FreeTextRule, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bel_in_a_consent_policy_version_is_refused_and_nothing_is_stored()
    {
        var customerId = await NewCustomerAsync();
        using var agent = await server.Factory.CreateClientAsAsync(CemRoles.Agent, ["hq"], [ServerDatabases.Eu]);

        foreach (var version in new[] { "2026-01\u0007", "2026\u000001", "v1\n", "\ud800" })
        {
            var body = $"{{\"purpose\":\"marketing\",\"status\":\"granted\",\"source\":\"branch-tablet\",\"policyVersion\":{JsonEscaped(version)}}}";
            await ProblemAssert.RefusedAsync(await agent.PostAsync($"/api/v1/customers/eu-central/{customerId}/consents", Json(body), Cancellation), "policyVersion");
        }

        Assert.Equal(0, await server.Databases.CountAsync(ServerDatabases.Eu, "select count(*) from consent_entries where customer_id = @customerId", new { customerId }));
    }

    [Theory]
    [InlineData("name", "North\u0000")]
    [InlineData("name", "North\u0007")]
    [InlineData("name", "North\nSouth")]
    [InlineData("level", "branch\u0000")]
    public async Task A_control_character_in_an_org_unit_body_is_refused(string field, string value)
    {
        using var admin = await server.Factory.CreateClientAsAsync(CemRoles.Admin, ["hq"], [ServerDatabases.Eu]);
        var body = new JsonObject { ["name"] = "Control branch", ["level"] = "branch", ["parent"] = "hq" };
        body[field] = value;

        await ProblemAssert.RefusedAsync(await admin.PutAsync($"/api/v1/org-units/cc-{_events.Tag}", Events.Json(body), Cancellation), field);

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/org-units/cc-{_events.Tag}", Cancellation)).StatusCode);
    }

    [Fact]
    public async Task A_nul_in_a_pack_disable_reason_is_refused()
    {
        using var admin = await server.Factory.CreateClientAsAsync(CemRoles.Admin, ["hq"], [ServerDatabases.Eu]);

        await ProblemAssert.RefusedAsync(await admin.PostAsync("/api/v1/packs/com.example.none/disable", Json("{\"reason\":\"x\\u0000y\"}"), Cancellation), "reason");
    }

    [Theory]
    [InlineData("/api/v1/privacy/requests", "note", "{\"type\":\"access\",\"region\":\"eu-central\",\"customerId\":\"CUSTOMER\",\"note\":\"a\\u0000\"}")]
    [InlineData("/api/v1/privacy/requests", "customerId", "{\"type\":\"access\",\"region\":\"eu-central\",\"customerId\":\"CUSTOMER\\n\"}")]
    [InlineData("/api/v1/privacy/requests", "identity.value", "{\"type\":\"access\",\"region\":\"eu-central\",\"identity\":{\"type\":\"account\",\"value\":\"A\\tB\"}}")]
    [InlineData("/api/v1/privacy/holds", "reason", "{\"region\":\"eu-central\",\"customerId\":\"CUSTOMER\",\"reason\":\"case\\u0007\"}")]
    [InlineData("/api/v1/privacy/holds", "customerId", "{\"region\":\"eu-central\",\"customerId\":\"CUSTOMER\\r\",\"reason\":\"case\"}")]
    public async Task A_control_character_in_a_privacy_body_is_refused_and_nothing_is_stored(string url, string field, string body)
    {
        var customerId = await NewCustomerAsync();
        using var compliance = await server.Factory.CreateClientAsAsync(CemRoles.Compliance, ["hq"], [ServerDatabases.Eu]);
        const string Stored = "select (select count(*) from legal_holds) + (select count(*) from privacy_requests)";
        var before = await server.Databases.CountAsync(ServerDatabases.Eu, Stored);

        await ProblemAssert.RefusedAsync(await compliance.PostAsync(url, Json(body.Replace("CUSTOMER", customerId, StringComparison.Ordinal)), Cancellation), field);

        Assert.Equal(before, await server.Databases.CountAsync(ServerDatabases.Eu, Stored));
    }

    [Theory]
    [InlineData("text", "Friendly\u0007 staff")]
    [InlineData("text", "\u009bFriendly")]
    [InlineData("eventId", "id\u0000")]
    public async Task A_control_character_in_an_event_is_refused(string field, string value)
    {
        var e = _events.Feedback();
        e[field] = value;

        await ProblemAssert.RefusedAsync(await server.Client.PostAsync("/api/v1/events", Events.Json(e), Cancellation), field);
    }

    private async Task<string> NewCustomerAsync() =>
        (await Events.ReadJsonAsync(await server.Client.PostAsync("/api/v1/events", Events.Json(_events.Feedback(account: _events.Account(Random.Shared.Next()))), Cancellation)))
        .GetProperty("customerId").GetString()!;

    private static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");

    // Written by hand: System.Text.Json refuses to write an unpaired surrogate.
    private static string JsonEscaped(string value) =>
        "\"" + string.Concat(value.Select(c => c < 0x20 || char.IsSurrogate(c) || c == '"' || c == '\\' ? $"\\u{(int)c:x4}" : c.ToString())) + "\"";
}
