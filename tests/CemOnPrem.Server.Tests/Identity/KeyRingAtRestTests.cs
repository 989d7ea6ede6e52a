using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using CemOnPrem.Server.Tests.Support;
using CemOnPrem.Testing.Postgres;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace CemOnPrem.Server.Tests.Identity;

/// <summary>
/// The data-protection key ring (login cookie, antiforgery) lives in the control database. With configured
/// certificates it is stored encrypted with the encryption certificate, and another node holding the same
/// certificate can still use it; with generated development certificates it is stored plain (documented).
/// </summary>
public sealed partial class KeyRingAtRestTests(PostgresServer postgres)
{
    private const string ReturnUrl = "/connect/authorize?client_id=cem-admin-ui";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Key_ring_is_encrypted_at_rest_with_the_configured_certificate_and_readable_by_another_node()
    {
        var databases = await ServerDatabases.CreateAsync(postgres);
        var folder = Directory.CreateTempSubdirectory("cem-keyring-test-");
        try
        {
            var settings = new Dictionary<string, string?>
            {
                ["Cem:Identity:GenerateCertificates"] = "false",
                ["Cem:Identity:SigningCertificate:Path"] = WritePfx(folder.FullName, "signing.pfx", X509KeyUsageFlags.DigitalSignature),
                ["Cem:Identity:SigningCertificate:Password"] = "pfx-pass",
                ["Cem:Identity:EncryptionCertificate:Path"] = WritePfx(folder.FullName, "encryption.pfx", X509KeyUsageFlags.KeyEncipherment),
                ["Cem:Identity:EncryptionCertificate:Password"] = "pfx-pass",
            };
            string cookie, token;
            await using (var first = new CemServerFactory(databases, settings))
            {
                (cookie, token) = await LoginFormAsync(first);
            }

            var stored = await KeyRingAsync(databases);
            Assert.NotEmpty(stored);
            Assert.All(stored, xml =>
            {
                Assert.Contains("<EncryptedData", xml, StringComparison.Ordinal);
                Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal);
            });

            // Another node (its own key-ring cache) decrypts the stored key: the first node's antiforgery token is accepted,
            // so the login itself is judged (unknown user: 401) instead of the form being refused (400).
            await using var second = new CemServerFactory(databases, settings);
            var post = await PostLoginAsync(second, cookie, token);
            Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
            Assert.Contains(CemOnPrem.Identity.Endpoints.LoginPage.FailedMessage, await post.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Generated_development_certificates_leave_the_key_ring_plain_as_documented()
    {
        var databases = await ServerDatabases.CreateAsync(postgres);
        await using (var server = new CemServerFactory(databases))
        {
            await LoginFormAsync(server);
        }

        Assert.All(await KeyRingAsync(databases), xml => Assert.Contains("<value>", xml, StringComparison.Ordinal));
    }

    private static async Task<(string Cookie, string Token)> LoginFormAsync(CemServerFactory server)
    {
        using var browser = server.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var page = await browser.GetAsync("/account/login?returnUrl=" + Uri.EscapeDataString(ReturnUrl), Cancellation);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var cookie = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(header => header.Split(';')[0]));
        var token = WebUtility.HtmlDecode(AntiforgeryField().Match(await page.Content.ReadAsStringAsync(Cancellation)).Groups[1].Value);
        return (cookie, token);
    }

    private static async Task<HttpResponseMessage> PostLoginAsync(CemServerFactory server, string cookie, string token)
    {
        using var browser = server.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["returnUrl"] = ReturnUrl,
                ["username"] = "nobody-" + Guid.NewGuid().ToString("N")[..6],
                ["password"] = "Wrong-Passw0rd-x",
            }),
        };
        request.Headers.Add("Cookie", cookie);
        return await browser.SendAsync(request, Cancellation);
    }

    private static async Task<List<string>> KeyRingAsync(ServerDatabases databases)
    {
        await using var connection = new NpgsqlConnection(databases.Control);
        await connection.OpenAsync(Cancellation);
        await using var command = new NpgsqlCommand("select \"Xml\" from identity.\"DataProtectionKeys\"", connection);
        await using var reader = await command.ExecuteReaderAsync(Cancellation);
        var rows = new List<string>();
        while (await reader.ReadAsync(Cancellation))
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private static string WritePfx(string folder, string name, X509KeyUsageFlags usage)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=CemOnPrem test " + name, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, "pfx-pass"));
        return path;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]*)\"")]
    private static partial Regex AntiforgeryField();
}
