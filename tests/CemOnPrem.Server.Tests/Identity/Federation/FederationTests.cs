extern alias cemctl;

using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CemOnPrem.Audit.Records;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Server.Tests.Support;
using Microsoft.AspNetCore.WebUtilities;
using CemCtl = cemctl::CemOnPrem.Cli.CemCtl;

namespace CemOnPrem.Server.Tests.Identity.Federation;

/// <summary>
/// Sign-in through the bank's IdP end to end: the login page's "Sign in with …", the upstream login, the callback,
/// a local user linked (created just in time), roles and scope from the configured mapping only, and the normal
/// code flow issuing a CEM token.
/// </summary>
public sealed partial class FederationTests(FederationFixture federation) : IClassFixture<FederationFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Mapped_group_signs_in_with_the_mapped_role_and_scope_only()
    {
        var head = await federation.Server.Databases.HeadAsync();
        using var flow = new CodeFlow(federation.Server);

        var callback = await UpstreamLoginAsync(flow, "alice");
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        var tokens = await flow.ResumeAsync(callback.Headers.Location!.ToString());

        var identity = Payload(tokens.GetProperty("id_token").GetString()!);
        // alice is in CEM-Agents-North (mapped to agent) and All-Staff (mapped to nothing): agent only.
        Assert.Equal(JsonValueKind.String, identity.GetProperty("role").ValueKind);
        Assert.Equal(CemRoles.Agent, identity.GetProperty("role").GetString());
        Assert.Equal("bank.alice", identity.GetProperty("name").GetString());
        using var agent = federation.Server.WithBearer(tokens.GetProperty("access_token").GetString()!, purpose: null);
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync("/api/v1/org-units", Cancellation)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/api/v1/packs", Cancellation)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync($"/api/v1/customers/{ServerDatabases.Cn}/lookup?type=account&value=x", Cancellation)).StatusCode);

        var records = await federation.Server.Databases.RecordsAfterAsync(head);
        var added = Assert.Single(records, record => record.Action == AuditActions.UserAdd);
        Assert.Equal("roles=agent; org-units=north; regions=eu-central; federation=bank", added.Detail);
        var login = Assert.Single(records, record => record.Action == AuditActions.LoginFederated);
        Assert.Equal(("allowed", "login/federation/bank", "provider=bank; roles=agent"), (login.Outcome, login.Resource, login.Detail));
        Assert.Equal([CemRoles.Agent], login.Roles);
        Assert.Equal(added.Resource, "user/" + login.Actor["user:".Length..]);
        Assert.DoesNotContain(records, record => record.Text().Contains("S-1-5-21", StringComparison.Ordinal) || record.Text().Contains("alice@", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Second_sign_in_reuses_the_linked_user()
    {
        using (var first = new CodeFlow(federation.Server))
        {
            await first.ResumeAsync((await UpstreamLoginAsync(first, "dave")).Headers.Location!.ToString());
        }

        var head = await federation.Server.Databases.HeadAsync();
        using var second = new CodeFlow(federation.Server);
        await second.ResumeAsync((await UpstreamLoginAsync(second, "dave")).Headers.Location!.ToString());

        var record = Assert.Single(await federation.Server.Databases.RecordsAfterAsync(head));
        Assert.Equal(AuditActions.LoginFederated, record.Action);
    }

    [Fact]
    public async Task User_linked_by_cemctl_signs_in_as_itself_with_roles_from_the_mapping()
    {
        var name = "carol-" + Guid.NewGuid().ToString("N")[..6];
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.Equal(0, await CemCtl.RunAsync(["users", "add", name, "--role", CemRoles.Analyst, "--org-unit", "hq", "--region", ServerDatabases.Eu,
            "--control-db", federation.Server.Databases.Control], output, error));
        Assert.Equal(0, await CemCtl.RunAsync(["users", "link", name, "--federation", FederationFixture.Provider, "--subject", BankIdp.People["carol"].Subject,
            "--control-db", federation.Server.Databases.Control], output, error));
        var head = await federation.Server.Databases.HeadAsync();

        using var flow = new CodeFlow(federation.Server);
        var tokens = await flow.ResumeAsync((await UpstreamLoginAsync(flow, "carol")).Headers.Location!.ToString());

        var identity = Payload(tokens.GetProperty("id_token").GetString()!);
        Assert.Equal((name, CemRoles.Agent), (identity.GetProperty("name").GetString(), identity.GetProperty("role").GetString()));
        Assert.Equal([AuditActions.UserRolesChange, AuditActions.UserScopeChange, AuditActions.LoginFederated],
            (await federation.Server.Databases.RecordsAfterAsync(head)).Select(record => record.Action));
    }

    [Fact]
    public async Task Only_unmapped_groups_get_no_role_and_a_clear_refusal()
    {
        var head = await federation.Server.Databases.HeadAsync();
        using var flow = new CodeFlow(federation.Server);

        var callback = await UpstreamLoginAsync(flow, "bob");

        Assert.True(callback.StatusCode == HttpStatusCode.Forbidden, $"{(int)callback.StatusCode} {await callback.Content.ReadAsStringAsync(Cancellation)}");
        Assert.Contains("None of your Bank Login groups gives a CemOnPrem role", await callback.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        var record = Assert.Single(await federation.Server.Databases.RecordsAfterAsync(head));
        Assert.Equal((AuditActions.LoginFailed, "denied", "reason=federation-no-mapped-role"), (record.Action, record.Outcome, record.Detail));
        Assert.Matches("^federated:bank:pn1-[0-9a-f]{32}$", record.Actor);
    }

    [Fact]
    public async Task An_admin_whose_IdP_sign_in_used_no_second_factor_is_refused_and_nothing_is_created()
    {
        var head = await federation.Server.Databases.HeadAsync();
        using var flow = new CodeFlow(federation.Server);

        var callback = await UpstreamLoginAsync(flow, "frank");

        var page = await callback.Content.ReadAsStringAsync(Cancellation);
        Assert.True(callback.StatusCode == HttpStatusCode.Forbidden, $"{(int)callback.StatusCode} {page}");
        Assert.Contains("did not use a second factor", page, StringComparison.Ordinal);
        var record = Assert.Single(await federation.Server.Databases.RecordsAfterAsync(head));
        Assert.Equal((AuditActions.LoginFailed, "denied", "reason=federation-no-mfa"), (record.Action, record.Outcome, record.Detail));
        Assert.Matches("^federated:bank:pn1-[0-9a-f]{32}$", record.Actor);
    }

    [Fact]
    public async Task An_admin_whose_IdP_reports_a_second_factor_signs_in_as_admin()
    {
        using var flow = new CodeFlow(federation.Server);

        var callback = await UpstreamLoginAsync(flow, "erin");
        Assert.True(callback.StatusCode == HttpStatusCode.Redirect, $"{(int)callback.StatusCode} {await callback.Content.ReadAsStringAsync(Cancellation)}");
        var tokens = await flow.ResumeAsync(callback.Headers.Location!.ToString());

        Assert.Equal(CemRoles.Admin, Payload(tokens.GetProperty("id_token").GetString()!).GetProperty("role").GetString());
    }

    [Fact]
    public async Task E_mail_outside_the_allowed_domains_is_refused()
    {
        using var flow = new CodeFlow(federation.Server);

        var callback = await UpstreamLoginAsync(flow, "mallory");

        Assert.Equal(HttpStatusCode.Forbidden, callback.StatusCode);
        Assert.Contains("e-mail domain may not sign in here", await callback.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_page_offers_the_provider_and_unknown_providers_are_404()
    {
        using var flow = new CodeFlow(federation.Server);
        var start = await flow.StartAsync();
        var page = await (await flow.BrowseAsync(start.Headers.Location!.ToString())).Content.ReadAsStringAsync(Cancellation);

        Assert.Contains("Sign in with Bank Login", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await flow.BrowseAsync("/account/login/external/other?returnUrl=%2Fconnect%2Fauthorize%3Fx%3D1")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await flow.BrowseAsync("/account/login/external/bank?returnUrl=https%3A%2F%2Fevil.example%2F")).StatusCode);
    }

    /// <summary>Login page → "Sign in with Bank Login" → the IdP (signed in there as <paramref name="person"/>) → back to the callback.</summary>
    private async Task<HttpResponseMessage> UpstreamLoginAsync(CodeFlow flow, string person)
    {
        var start = await flow.StartAsync();
        var page = await (await flow.BrowseAsync(start.Headers.Location!.ToString())).Content.ReadAsStringAsync(Cancellation);
        var link = WebUtility.HtmlDecode(FederatedLink().Match(page).Groups[1].Value);
        var toIdp = await flow.BrowseAsync(link);
        Assert.True(toIdp.StatusCode == HttpStatusCode.Redirect, $"to the IdP: {(int)toIdp.StatusCode} {await toIdp.Content.ReadAsStringAsync(Cancellation)}");
        Assert.StartsWith(federation.Idp.Issuer.AbsoluteUri, toIdp.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);

        using var bank = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });
        Assert.Equal(HttpStatusCode.OK, (await bank.GetAsync(new Uri(federation.Idp.Issuer, BankIdp.LoginPath + "?user=" + person), Cancellation)).StatusCode);
        var back = await bank.GetAsync(toIdp.Headers.Location, Cancellation);
        Assert.True(back.StatusCode == HttpStatusCode.Redirect, $"at the IdP: {(int)back.StatusCode} {await back.Content.ReadAsStringAsync(Cancellation)}");
        Assert.StartsWith("http://localhost/callback/login/bank?", back.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        return await flow.BrowseAsync(back.Headers.Location.PathAndQuery);
    }

    private static JsonElement Payload(string jwt) =>
        JsonDocument.Parse(Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(jwt.Split('.')[1]))).RootElement;

    [GeneratedRegex("<a class=\"federated\" href=\"([^\"]*)\">")]
    private static partial Regex FederatedLink();
}
