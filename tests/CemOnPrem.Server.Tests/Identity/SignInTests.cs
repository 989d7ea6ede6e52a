using System.Net;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Identity.Endpoints;
using CemOnPrem.Server.Tests.Support;
using OtpNet;

namespace CemOnPrem.Server.Tests.Identity;

/// <summary>People signing in: PKCE, lockout, the TOTP second factor for admin and compliance.</summary>
public sealed class SignInTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static string[] BothRegions => [ServerDatabases.Eu, ServerDatabases.Cn];

    [Fact]
    public async Task Authorization_request_without_pkce_is_refused()
    {
        using var flow = new CodeFlow(server.Factory);

        var response = await flow.StartAsync(withPkce: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("code_challenge", await response.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorization_request_with_pkce_goes_to_the_login_page()
    {
        using var flow = new CodeFlow(server.Factory);

        var response = await flow.StartAsync();

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/account/login?ReturnUrl=", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_wrong_passwords_from_two_sources_lock_the_account_even_for_the_right_password()
    {
        var user = await server.Factory.AddUserAsync([CemRoles.Agent], ["hq"], BothRegions);
        using var first = new CodeFlow(server.Factory, "192.0.2.10");
        using var second = new CodeFlow(server.Factory, "192.0.2.11");
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await first.SubmitLoginAsync(user.Name, "Wrong-Passw0rd-x", null)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await second.SubmitLoginAsync(user.Name, "Wrong-Passw0rd-x", null)).StatusCode);
        var right = await second.SubmitLoginAsync(user.Name, user.Password, null);

        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        // Locked, but the answer does not say so: it would tell a guesser the account exists.
        Assert.Contains(LoginPage.FailedMessage, await right.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_user_and_wrong_password_get_the_same_answer()
    {
        var user = await server.Factory.AddUserAsync([CemRoles.Agent], ["hq"], BothRegions);
        using var flow = new CodeFlow(server.Factory);

        var unknown = await flow.SubmitLoginAsync("nobody-" + Guid.NewGuid().ToString("N"), "Wrong-Passw0rd-x", null);
        var wrong = await flow.SubmitLoginAsync(user.Name, "Wrong-Passw0rd-x", null);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (unknown.StatusCode, wrong.StatusCode));
        Assert.Contains(LoginPage.FailedMessage, await unknown.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        Assert.Contains(LoginPage.FailedMessage, await wrong.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CemRoles.Admin)]
    [InlineData(CemRoles.Compliance)]
    public async Task Admin_and_compliance_need_the_one_time_code(string role)
    {
        var user = await server.Factory.AddUserAsync([role], ["hq"], BothRegions);
        Assert.NotNull(user.TotpSecret);
        using var flow = new CodeFlow(server.Factory);

        var withoutCode = await flow.SubmitLoginAsync(user.Name, user.Password, null);
        var wrongCode = await flow.SubmitLoginAsync(user.Name, user.Password, WrongCode(user.TotpSecret));

        // The right password without (or with a wrong) code gets the answer of a wrong password: no password oracle.
        Assert.Equal(HttpStatusCode.Unauthorized, withoutCode.StatusCode);
        Assert.Contains(LoginPage.FailedMessage, await withoutCode.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongCode.StatusCode);
        Assert.Contains(LoginPage.FailedMessage, await wrongCode.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        var tokens = await flow.SignInAsync(user.Name, user.Password, user.CurrentCode());
        Assert.False(string.IsNullOrEmpty(tokens.GetProperty("access_token").GetString()));
    }

    [Fact]
    public async Task Agent_signs_in_without_a_second_factor()
    {
        var user = await server.Factory.AddUserAsync([CemRoles.Agent], ["hq"], BothRegions);

        Assert.Null(user.TotpSecret);
        Assert.False(string.IsNullOrEmpty(await server.Factory.UserTokenAsync(user)));
    }

    [Fact]
    public async Task Login_post_without_the_antiforgery_token_is_refused()
    {
        using var browser = server.Factory.CreateClient();

        var response = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["returnUrl"] = "/connect/authorize?client_id=cem-admin-ui",
            ["username"] = "x",
            ["password"] = "y",
        }), Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    // A code from a window far from now: never valid at this moment.
    private static string WrongCode(string secret) =>
        new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(DateTime.UtcNow.AddHours(-3));
}
