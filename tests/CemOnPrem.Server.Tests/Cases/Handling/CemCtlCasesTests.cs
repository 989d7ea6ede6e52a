extern alias cemctl;

using System.Text.Json.Nodes;
using cemctl::CemOnPrem.Cli;
using CemOnPrem.Server.Tests.Support;

namespace CemOnPrem.Server.Tests.Cases.Handling;

/// <summary><c>cemctl cases list|show</c> read the region database and print no personal data.</summary>
public sealed class CemCtlCasesTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Eu = ServerDatabases.Eu;
    private const string Note = "Mrs Example phoned twice";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task List_and_show_print_the_case_and_its_history_but_no_customer_id_or_note()
    {
        var customerId = await CaseRequests.CustomerAtAsync(server.Client, Eu, "north-01");
        var caseId = await CaseRequests.OpenAsync(server.Client, Eu, "north-01", customerId);
        using var note = await CaseRequests.SendAsync(server.Client, HttpMethod.Post, $"/api/v1/cases/{Eu}/{caseId}/notes", new JsonObject { ["text"] = Note }, "\"1\"");

        var (listCode, list, _) = await RunAsync("cases", "list", "--region", Eu, "--region-db", server.Databases.Regions[Eu], "--state", "new");
        var (showCode, show, _) = await RunAsync("cases", "show", Eu, caseId, "--region-db", server.Databases.Regions[Eu]);

        Assert.Equal((0, 0), (listCode, showCode));
        Assert.Contains(list.Split('\n'), line => line.StartsWith($"{Eu}\t{caseId}\tnew\t", StringComparison.Ordinal) && line.EndsWith("customer: yes", StringComparison.Ordinal));
        Assert.Contains("\tnote\t", show, StringComparison.Ordinal);
        foreach (var output in new[] { list, show })
        {
            Assert.DoesNotContain(customerId, output, StringComparison.Ordinal);
            Assert.DoesNotContain("Mrs Example", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_bad_state_or_an_unknown_case_fails_naming_what_is_wrong()
    {
        var (stateCode, _, stateError) = await RunAsync("cases", "list", "--region", Eu, "--region-db", server.Databases.Regions[Eu], "--state", "open");
        var (showCode, _, showError) = await RunAsync("cases", "show", Eu, "case-0123456789abcdef0123456789abcdef", "--region-db", server.Databases.Regions[Eu]);

        Assert.Equal((1, 1), (stateCode, showCode));
        Assert.Contains("--state", stateError, StringComparison.Ordinal);
        Assert.Contains("no case", showError, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CemCtl.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
