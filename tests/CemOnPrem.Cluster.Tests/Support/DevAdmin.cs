using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using OtpNet;

namespace CemOnPrem.Cluster.Tests.Support;

/// <summary>
/// The demo admin node1 creates (roles admin and agent, TOTP), signed in the way a browser does: authorization
/// code + PKCE, the login form with its antiforgery token, the one-time code.
/// </summary>
internal static partial class DevAdmin
{
    public const string RedirectUri = "http://cem-cluster.test/callback";

    public static async Task<string> TokenAsync(Uri node, string dataDirectory)
    {
        using var credentials = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(dataDirectory, "dev-credentials.json")));
        var admin = credentials.RootElement.GetProperty("admin");
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = node };
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var authorize = $"/connect/authorize?client_id=cem-admin-ui&response_type=code&scope=openid%20cem.api&redirect_uri={Uri.EscapeDataString(RedirectUri)}" +
            $"&code_challenge={challenge}&code_challenge_method=S256&state=cluster";
        var toLogin = await browser.GetAsync(new Uri(authorize, UriKind.Relative));
        var page = await browser.GetStringAsync(toLogin.Headers.Location!);
        var login = await browser.PostAsync(new Uri("/account/login", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(Antiforgery().Match(page).Groups[1].Value),
            ["returnUrl"] = WebUtility.HtmlDecode(ReturnUrl().Match(page).Groups[1].Value),
            ["username"] = admin.GetProperty("userName").GetString()!,
            ["password"] = admin.GetProperty("password").GetString()!,
            ["code"] = new Totp(Base32Encoding.ToBytes(admin.GetProperty("totpSecret").GetString()!)).ComputeTotp(),
        }));
        var back = await browser.GetAsync(login.Headers.Location!);
        var code = Code().Match(back.Headers.Location!.Query).Groups[1].Value;
        var token = await browser.PostAsync(new Uri("/connect/token", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = Uri.UnescapeDataString(code),
            ["redirect_uri"] = RedirectUri,
            ["client_id"] = "cem-admin-ui",
            ["code_verifier"] = verifier,
        }));
        token.EnsureSuccessStatusCode();
        return (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]*)\"")]
    private static partial Regex Antiforgery();

    [GeneratedRegex("name=\"returnUrl\" value=\"([^\"]*)\"")]
    private static partial Regex ReturnUrl();

    [GeneratedRegex("[?&]code=([^&]+)")]
    private static partial Regex Code();
}
