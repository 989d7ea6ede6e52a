extern alias cemctl;

using System.Net;
using cemctl::CemOnPrem.Cli;
using CemOnPrem.Server.Tests.Support;
using Dapper;
using Npgsql;

namespace CemOnPrem.Server.Tests.Cli;

/// <summary><c>cemctl keys rotate|status</c> in-process against a running server's databases and key folder.</summary>
public sealed class CemCtlKeysTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Rotate_rewraps_every_data_key_is_audited_and_the_server_keeps_reading_and_writing()
    {
        var events = new Events();
        var before = await PostAsync(events.Feedback(account: events.Account(1)));
        await PostAsync(events.Feedback(account: events.Account(2)));

        var rotate = await RunAsync("keys", "rotate", "--region", ServerDatabases.Eu, "--batch-size", "1", "--control-db", server.Databases.Control);

        Assert.Equal((0, ""), (rotate.Code, rotate.Error));
        Assert.Contains("re-wrapped 1/", rotate.Output, StringComparison.Ordinal);
        Assert.Matches(@"KEK v(\d+) -> v(\d+); re-wrapped \d+; left on older versions 0", rotate.Output);
        await using (var control = new NpgsqlConnection(server.Databases.Control))
        {
            var details = (await control.QueryAsync<string>(
                "select detail from audit_records where action = 'key.rotate' and region = 'eu-central' order by sequence")).ToList();
            Assert.Equal("started", details[^2]);
            Assert.StartsWith("KEK v", details[^1], StringComparison.Ordinal);
        }

        // Written before and after the rotation, read through the server.
        var after = await PostAsync(events.Feedback(account: events.Account(3)));
        foreach (var customer in new[] { before, after })
        {
            var view = await Events.ReadJsonAsync(await server.Client.GetAsync($"/api/v1/customers/eu-central/{customer}", Cancellation));
            Assert.Equal(1, view.GetProperty("identities").GetArrayLength());
        }

        var status = await RunAsync("keys", "status", "--region", ServerDatabases.Eu);
        Assert.Equal(0, status.Code);
        Assert.Contains("current KEK v", status.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rotate_without_a_control_database_refuses_before_changing_anything()
    {
        var rotate = await RunAsync("keys", "rotate", "--region", ServerDatabases.Eu);

        Assert.Equal(1, rotate.Code);
        Assert.Contains("--control-db", rotate.Error, StringComparison.Ordinal);
    }

    private async Task<string> PostAsync(System.Text.Json.Nodes.JsonObject e)
    {
        var response = await server.Client.PostAsync("/api/v1/events", Events.Json(e), Cancellation);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await Events.ReadJsonAsync(response)).GetProperty("customerId").GetString()!;
    }

    private async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CemCtl.RunAsync(
            [.. args, "--region-db", server.Databases.Regions[ServerDatabases.Eu], "--key-dir", Path.Combine(server.Factory.DataDirectory, "keys")],
            output, error);
        return (code, output.ToString(), error.ToString());
    }
}
