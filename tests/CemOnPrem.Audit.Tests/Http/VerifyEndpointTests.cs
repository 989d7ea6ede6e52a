extern alias cemctl;

using System.Net;
using System.Text.Json;
using CemOnPrem.Audit.Tests.Support;
using cemctl::CemOnPrem.Cli;

namespace CemOnPrem.Audit.Tests.Http;

/// <summary>Verification over HTTP and with cemctl, on a server whose chain is then tampered with.</summary>
public sealed class VerifyEndpointTests(AuditServerFixture server) : IClassFixture<AuditServerFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Verify_reports_intact_then_the_exact_sequence_of_an_edit_over_http_and_with_cemctl()
    {
        using var officer = server.Client("officer-v", "compliance");
        using var channel = server.Channel();
        var events = new TestEvents();
        for (var i = 0; i < 5; i++)
        {
            await TestEvents.PostAsync(channel, events.Feedback($"ACCT-{events.Tag}-{i}"));
        }

        var intact = await LastLineAsync(await officer.GetAsync("/api/v1/audit/verify", Cancellation));
        Assert.True(intact.GetProperty("intact").GetBoolean(), intact.ToString());
        var (code, output, _) = await CemCtlAsync();
        Assert.Equal(0, code);
        Assert.StartsWith("intact up to ", output, StringComparison.Ordinal);

        var victim = await server.HeadAsync() - 2;
        await server.ExecuteAsync($"alter table audit_records disable trigger user; update audit_records set actor = 'user:nobody' where sequence = {victim}; alter table audit_records enable trigger user");

        var broken = await LastLineAsync(await officer.GetAsync("/api/v1/audit/verify", Cancellation));
        Assert.False(broken.GetProperty("intact").GetBoolean());
        Assert.Equal(victim, broken.GetProperty("brokenAt").GetInt64());
        var (brokenCode, _, error) = await CemCtlAsync();
        Assert.Equal(1, brokenCode);
        Assert.StartsWith($"broken at {victim}: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cemctl_names_a_missing_key_file_without_a_stack_trace()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await CemCtl.RunAsync(["audit", "verify", "--connection", server.Factory.ControlConnectionString, "--public-key", "/nonexistent/key.pem"], output, error);

        Assert.Equal(1, code);
        Assert.Equal("cemctl: --public-key: /nonexistent/key.pem: no such file.", error.ToString().Trim());
    }

    private async Task<(int Code, string Output, string Error)> CemCtlAsync()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var key = Path.Combine(server.Factory.DataDirectory, "audit-keys", "checkpoint.public.pem");
        var code = await CemCtl.RunAsync(["audit", "verify", "--connection", server.Factory.ControlConnectionString, "--public-key", key], output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static async Task<JsonElement> LastLineAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = (await response.Content.ReadAsStringAsync(Cancellation)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return JsonDocument.Parse(lines[^1]).RootElement.Clone();
    }
}
