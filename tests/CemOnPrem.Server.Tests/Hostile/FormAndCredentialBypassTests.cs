using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CemOnPrem.Contracts.Text;
using CemOnPrem.Server.Tests.Support;

namespace CemOnPrem.Server.Tests.Hostile;

/// <summary>
/// The control-character rule (docs/security.md, "Input rules") holds however the text is wrapped: in a multipart form,
/// in a url-encoded form that names another charset, or base64- and percent-encoded inside Basic credentials. Each
/// way once reached PostgreSQL (a 500) or the audit chain.
/// </summary>
public sealed class FormAndCredentialBypassTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static readonly string[] Forbidden = ["a\u0000b", "x\u0007", "\u0085admin", "\u001b[2J", "\u009b"];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("username")]
    [InlineData("password")]
    public async Task A_control_character_in_a_multipart_login_form_is_a_400_and_never_audited(string field)
    {
        using var anonymous = server.Factory.CreateClient();
        var head = await server.Databases.HeadAsync();

        foreach (var forbidden in Forbidden)
        {
            var fields = new Dictionary<string, string> { ["username"] = "someone", ["password"] = "Passw0rd-x" };
            fields[field] = forbidden;

            await ProblemAssert.RefusedAsync(await anonymous.PostAsync("/account/login", Multipart(fields), Cancellation), field);
        }

        var records = await server.Databases.RecordsAfterAsync(head);
        Assert.DoesNotContain(records, record => Forbidden.Any(forbidden => record.Text().Contains(forbidden, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_multipart_part_in_another_charset_is_checked_as_the_framework_decodes_it()
    {
        using var anonymous = server.Factory.CreateClient();
        using var content = new MultipartFormDataContent();
        var part = new ByteArrayContent([0x85, (byte)'a', (byte)'d', (byte)'m', (byte)'i', (byte)'n']);
        part.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "iso-8859-1" };
        content.Add(part, "username");
        content.Add(new StringContent("Passw0rd-x"), "password");

        await ProblemAssert.RefusedAsync(await anonymous.PostAsync("/account/login", content, Cancellation), "username");
    }

    [Fact]
    public async Task A_control_character_in_a_multipart_file_name_is_refused()
    {
        using var anonymous = server.Factory.CreateClient();
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent("x"u8.ToArray());
        file.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"upload\"", FileNameStar = "a\u0007b.csv" };
        content.Add(file);

        await ProblemAssert.RefusedAsync(await anonymous.PostAsync("/account/login", content, Cancellation), "upload");
    }

    [Theory]
    [InlineData("multipart/form-data")]
    [InlineData("multipart/form-data; boundary=cut")]
    public async Task A_multipart_body_that_cannot_be_read_is_a_400_naming_the_body(string contentType)
    {
        using var anonymous = server.Factory.CreateClient();
        using var content = new ByteArrayContent("--cut\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\nsomeone"u8.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        await ProblemAssert.RefusedAsync(await anonymous.PostAsync("/account/login", content, Cancellation), "body");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_multipart_form_over_64_kib_is_a_400_naming_the_body_even_without_a_length(bool chunked)
    {
        using var anonymous = server.Factory.CreateClient();
        var fields = Enumerable.Range(0, 40).ToDictionary(i => $"f{i}", _ => new string('x', 4000));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/login") { Content = Multipart(fields) };
        request.Headers.TransferEncodingChunked = chunked;

        await ProblemAssert.RefusedAsync(await anonymous.SendAsync(request, Cancellation), "body");
    }

    [Fact]
    public async Task Line_breaks_and_tabs_in_a_multipart_form_pass_the_guard()
    {
        using var anonymous = server.Factory.CreateClient();

        var response = await anonymous.PostAsync("/account/login", Multipart(new Dictionary<string, string> { ["username"] = "someone", ["password"] = "a\tb\r\nc" }), Cancellation);

        // Whatever the login page itself answers (an expired form), the control-character guard let it through.
        Assert.True((int)response.StatusCode < 500);
        Assert.DoesNotContain(InputText.FreeTextRule, await response.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/connect/token", "iso-8859-1")]
    [InlineData("/connect/token", "ISO-8859-1")]
    [InlineData("/connect/revoke", "windows-1252")]
    [InlineData("/connect/introspect", "utf-16")]
    [InlineData("/account/login", "iso-8859-1")]
    [InlineData("/account/login", "\"latin1\"")]
    public async Task A_url_encoded_form_in_a_charset_other_than_utf8_is_a_415(string endpoint, string charset)
    {
        using var anonymous = server.Factory.CreateClient();
        using var content = new StringContent("username=%85admin&password=x&token=t&grant_type=client_credentials", Encoding.ASCII);
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded; charset=" + charset);

        var problem = await ProblemAssert.RefusedAsync(await anonymous.PostAsync(endpoint, content, Cancellation), "Content-Type", HttpStatusCode.UnsupportedMediaType);

        Assert.Equal("urn:cem:problem:unsupported-media-type", problem.GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("UTF-8")]
    [InlineData("utf8")]
    [InlineData("\"utf-8\"")]
    public async Task A_url_encoded_form_that_says_utf8_still_gets_a_token(string charset)
    {
        var (clientId, secret) = await server.Factory.AddIngestClientAsync([ServerDatabases.Eu], ["hq"]);
        using var anonymous = server.Factory.CreateClient();
        using var content = new StringContent(
            $"grant_type=client_credentials&client_id={Uri.EscapeDataString(clientId)}&client_secret={Uri.EscapeDataString(secret)}&scope=cem.ingest", Encoding.ASCII);
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded; charset=" + charset);

        var response = await anonymous.PostAsync("/connect/token", content, Cancellation);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Cancellation));
    }

    [Theory]
    [InlineData("/connect/token")]
    [InlineData("/connect/introspect")]
    [InlineData("/connect/revoke")]
    public async Task A_control_character_inside_basic_credentials_is_a_400_never_a_500(string endpoint)
    {
        var (clientId, secret) = await server.Factory.AddIngestClientAsync([ServerDatabases.Eu], ["hq"]);
        using var anonymous = server.Factory.CreateClient();
        string[] hidden = ["%00", "\u0000", "%07", "%C2%85", "%0A", "%09", "\u0007", "+%1B"];
        var credentials = hidden.SelectMany(h => new[] { $"{clientId}{h}:{secret}", $"{clientId}:{secret}{h}", $"a{h}b:x" });

        foreach (var pair in credentials)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["token"] = "some-token" }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)));

            var problem = await ProblemAssert.RefusedAsync(await anonymous.SendAsync(request, Cancellation), "header Authorization");

            // Never echoed: the problem names the header, not what was in it.
            Assert.DoesNotContain(clientId, problem.GetRawText(), StringComparison.Ordinal);
            Assert.DoesNotContain(secret, problem.GetRawText(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("basic")]
    [InlineData("BASIC")]
    public async Task The_basic_scheme_is_recognised_in_any_case(string scheme)
    {
        using var anonymous = server.Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
        };
        request.Headers.TryAddWithoutValidation("Authorization", $"{scheme} {Convert.ToBase64String(Encoding.UTF8.GetBytes("a%00b:x"))}");

        await ProblemAssert.RefusedAsync(await anonymous.SendAsync(request, Cancellation), "header Authorization");
    }

    [Fact]
    public async Task Basic_credentials_that_are_not_base64_are_left_to_openiddict_and_are_not_a_500()
    {
        using var anonymous = server.Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "Basic not*base64!");

        var response = await anonymous.SendAsync(request, Cancellation);

        Assert.InRange((int)response.StatusCode, 400, 499);
    }

    [Fact]
    public async Task A_normal_basic_header_still_gets_a_token()
    {
        var (clientId, secret) = await server.Factory.AddIngestClientAsync([ServerDatabases.Eu], ["hq"]);
        using var anonymous = server.Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = "cem.ingest" }),
        };
        var pair = $"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret)}";
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)));

        var response = await anonymous.SendAsync(request, Cancellation);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Cancellation));
    }

    private static MultipartFormDataContent Multipart(IReadOnlyDictionary<string, string> fields)
    {
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        return content;
    }
}
