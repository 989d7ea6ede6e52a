extern alias cemctl;

using System.Net;
using System.Text.Json;
using CemOnPrem.Audit.Tests.Support;
using cemctl::CemOnPrem.Cli;

namespace CemOnPrem.Audit.Tests.Http;

/// <summary>Checkpoints exported over HTTP catch, with cemctl, a tail truncation that also removed the stored checkpoints.</summary>
public sealed class CheckpointExportTests(AuditServerFixture server) : IClassFixture<AuditServerFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_exported_checkpoint_reveals_a_truncation_the_database_no_longer_shows()
    {
        using var officer = server.Client("officer-x", "compliance");
        using var channel = server.Channel();
        var events = new TestEvents();
        for (var i = 0; i < 4; i++)
        {
            await TestEvents.PostAsync(channel, events.Feedback($"ACCT-{events.Tag}-{i}"));
        }

        var head = await server.HeadAsync();
        var export = await WaitForCheckpointAtAsync(officer, head);
        var file = Path.Combine(server.Factory.DataDirectory, "exported-checkpoints.json");
        await File.WriteAllTextAsync(file, export, Cancellation);

        var keep = head - 3;
        await server.ExecuteAsync($"""
            alter table audit_records disable trigger user; alter table audit_checkpoints disable trigger user;
            delete from audit_records where sequence > {keep}; delete from audit_checkpoints;
            alter table audit_records enable trigger user; alter table audit_checkpoints enable trigger user;
            """);

        var key = Path.Combine(server.Factory.DataDirectory, "audit-keys", "checkpoint.public.pem");
        var (withoutExport, _, _) = await CemCtlAsync("--public-key", key);
        var (withExport, _, error) = await CemCtlAsync("--public-key", key, "--checkpoints", file);

        Assert.Equal(0, withoutExport);
        Assert.Equal(1, withExport);
        Assert.StartsWith($"broken at {keep + 1}: records {keep + 1} to ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_a_checkpoint_export_is_one_line_naming_the_option()
    {
        var file = Path.Combine(server.Factory.DataDirectory, "not-an-export.json");
        await File.WriteAllTextAsync(file, "[1, 2, 3]", Cancellation);
        var key = Path.Combine(server.Factory.DataDirectory, "audit-keys", "checkpoint.public.pem");

        var (code, _, error) = await CemCtlAsync("--public-key", key, "--checkpoints", file);

        Assert.Equal(1, code);
        Assert.StartsWith($"cemctl: --checkpoints: {file} is not a checkpoint export", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    private static async Task<string> WaitForCheckpointAtAsync(HttpClient officer, long sequence)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var response = await officer.GetAsync("/api/v1/audit/checkpoints", Cancellation);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync(Cancellation);
            var checkpoints = JsonDocument.Parse(body).RootElement.GetProperty("checkpoints");
            if (checkpoints.EnumerateArray().Any(checkpoint => checkpoint.GetProperty("sequence").GetInt64() >= sequence))
            {
                return body;
            }

            await Task.Delay(200, Cancellation);
        }

        throw new TimeoutException($"No checkpoint reached sequence {sequence} within 20 s.");
    }

    private async Task<(int Code, string Output, string Error)> CemCtlAsync(params string[] options)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CemCtl.RunAsync(["audit", "verify", "--connection", server.Factory.ControlConnectionString, .. options], output, error);
        return (code, output.ToString(), error.ToString());
    }
}
