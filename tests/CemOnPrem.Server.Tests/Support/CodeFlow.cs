using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;

namespace CemOnPrem.Server.Tests.Support;

/// <summary>
/// A person signing in the way a browser does: authorization request with PKCE, redirect to the login page,
/// form post (antiforgery token, password, one-time code), redirect back with a code, code exchange.
/// </summary>
/// <param name="source">The address the browser appears to come from (<see cref="CemServerFactory.SourceHeader"/>); null: the test server's default.</param>
public sealed partial class CodeFlow(CemServerFactory server, string? source = null) : IDisposable
{
    public const string ClientId = "cem-admin-ui";
    public const string RedirectUri = "http://localhost/callback";
    public const string Scopes = "openid offline_access cem.api";

    private readonly HttpClient _browser = Browser(server, source);
    private readonly string _verifier = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public string AuthorizeUrl(bool withPkce = true)
    {
        var query = new Dictionary<string, string?>
        {
            ["client_id"] = ClientId,
            ["response_type"] = "code",
            ["redirect_uri"] = RedirectUri,
            ["scope"] = Scopes,
            ["state"] = "s-" + Guid.NewGuid().ToString("N")[..8],
        };
        if (withPkce)
        {
            query["code_challenge"] = WebEncoders.Base64UrlEncode(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(_verifier)));
            query["code_challenge_method"] = "S256";
        }

        return QueryHelpers.AddQueryString("/connect/authorize", query);
    }

    public Task<HttpResponseMessage> StartAsync(bool withPkce = true) => _browser.GetAsync(AuthorizeUrl(withPkce), Cancellation);

    /// <returns>The login post's response: a redirect back to the authorization request on success.</returns>
    public async Task<HttpResponseMessage> SubmitLoginAsync(string userName, string password, string? code)
    {
        var start = await StartAsync();
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var page = await _browser.GetStringAsync(start.Headers.Location!.ToString(), Cancellation);
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiforgeryField().Match(page).Groups[1].Value),
            ["returnUrl"] = WebUtility.HtmlDecode(ReturnUrlField().Match(page).Groups[1].Value),
            ["username"] = userName,
            ["password"] = password,
            ["code"] = code ?? "",
        };
        return await _browser.PostAsync("/account/login", new FormUrlEncodedContent(form), Cancellation);
    }

    /// <returns>The token response (access_token, refresh_token) after a successful sign-in.</returns>
    public async Task<JsonElement> SignInAsync(string userName, string password, string? code)
    {
        var login = await SubmitLoginAsync(userName, password, code);
        Assert.True(login.StatusCode == HttpStatusCode.Redirect, $"login failed: {(int)login.StatusCode} {await login.Content.ReadAsStringAsync(Cancellation)}");
        return await ResumeAsync(login.Headers.Location!.ToString());
    }

    /// <summary>The browser goes to <paramref name="url"/> on this server (cookies kept, redirects not followed).</summary>
    public Task<HttpResponseMessage> BrowseAsync(string url) => _browser.GetAsync(url, Cancellation);

    /// <returns>The token response after the browser is sent back to the authorization request <paramref name="authorizeUrl"/> signed in.</returns>
    public async Task<JsonElement> ResumeAsync(string authorizeUrl)
    {
        var authorize = await _browser.GetAsync(authorizeUrl, Cancellation);
        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        var callback = QueryHelpers.ParseQuery(authorize.Headers.Location!.Query);
        var token = await _browser.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = callback["code"].ToString(),
            ["redirect_uri"] = RedirectUri,
            ["client_id"] = ClientId,
            ["code_verifier"] = _verifier,
        }), Cancellation);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        return await Events.ReadJsonAsync(token);
    }

    /// <summary>The browser (with its login cookie) asks for the end of its session.</summary>
    public Task<HttpResponseMessage> LogoutAsync() => _browser.GetAsync("/connect/logout", Cancellation);

    public void Dispose() => _browser.Dispose();

    private static HttpClient Browser(CemServerFactory server, string? source)
    {
        var browser = server.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        if (source is not null)
        {
            browser.DefaultRequestHeaders.Add(CemServerFactory.SourceHeader, source);
        }

        return browser;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]*)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("name=\"returnUrl\" value=\"([^\"]*)\"")]
    private static partial Regex ReturnUrlField();
}
