using System.Diagnostics;
using System.Text.RegularExpressions;
using CemOnPrem.Cluster.Tests.Support;
using CemOnPrem.Testing.Postgres;

namespace CemOnPrem.Cluster.Tests.Failover;

/// <summary>
/// SIGTERM to a node while PostgreSQL is down: the node exits within its shutdown budget (it cannot say goodbye in the
/// membership table; the survivor declares it dead once the database is back), its log holds no stack trace per
/// retry, and the surviving node carries on after PostgreSQL returns.
/// </summary>
[Collection(ClusterProcesses.Name)]
public sealed partial class StopDuringDatabaseOutageTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private const int BudgetSeconds = 10;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    // Process start-up of `kill` and the test's own polling: the budget is the node's, this is only measurement slack.
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Node_stopped_while_the_database_is_down_exits_within_its_budget_and_the_survivor_carries_on()
    {
        var databases = await ClusterDatabases.CreateAsync(postgres);
        var clusterId = "stop-outage-" + Guid.NewGuid().ToString("N")[..6];
        var logs = Directory.CreateTempSubdirectory("cem-cluster-").FullName;
        var settings = new Dictionary<string, string>
        {
            ["CEM__CLUSTER__SHUTDOWNTIMEOUTSECONDS"] = BudgetSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        await using var node1 = ServerNode.Start("node1", databases, clusterId, logs, settings);
        await node1.WaitReadyAsync(TimeSpan.FromSeconds(90));
        await using var node2 = ServerNode.Start("node2", databases, clusterId, logs, settings);
        await node2.WaitReadyAsync(TimeSpan.FromSeconds(90));
        ServerNode[] nodes = [node1, node2];
        string Logs() => string.Join('\n', nodes.Select(node => node.Tail(80)));

        // Activations with state and queued ingest on the node that will be stopped, so stopping has something to write.
        var token = await DevChannel.TokenAsync(node1.BaseAddress, logs);
        using (var warmUp = new LoadClient([node2.BaseAddress], token, customersPerRegion: 10))
        using (var stopWarmUp = new CancellationTokenSource())
        using (var hardDeadline = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
        {
            var running = warmUp.RunAsync(workers: 2, stopWarmUp.Token, hardDeadline.Token);
            await Eventually.HoldsAsync(() => warmUp.Acks.Count >= 50, Bound, () => "The load never got going.\n" + Logs());
            await stopWarmUp.CancelAsync();
            await running;
        }

        await postgres.StopAsync();
        var linesBeforeTerm = LineCount(node2);
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
        var clock = Stopwatch.StartNew();
        node2.Terminate();
        var exited = await node2.WaitForExitAsync(TimeSpan.FromSeconds(BudgetSeconds) + Slack);
        var took = clock.Elapsed;
        if (!exited)
        {
            node2.Kill();
        }

        // Started again before asserting, so a failure does not leave the shared server down for the next test.
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        await postgres.StartAsync();
        Assert.True(exited, $"node2 was still running {took.TotalSeconds:0.0} s after SIGTERM (budget {BudgetSeconds} s).\n{Logs()}");

        var outageLog = File.ReadAllLines(node2.LogFile).Skip(linesBeforeTerm).ToList();
        // A stack trace is an exception line right after a log line; the same log line with a stack trace twice is a retry loop.
        var repeated = outageLog.Select((line, index) => (line, index))
            .Where(entry => entry.index + 1 < outageLog.Count && ExceptionHeader().IsMatch(outageLog[entry.index + 1]))
            .GroupBy(entry => LogTime().Replace(entry.line, ""))
            .Where(group => group.Count() > 1)
            .Select(group => $"{group.Count()} x {group.Key}")
            .ToList();
        Assert.True(repeated.Count == 0, $"node2 logged the same stack trace repeatedly:\n{string.Join('\n', repeated)}\n{string.Join('\n', outageLog.Take(150))}");

        // The survivor carries on: declares the stopped node dead, is ready again and accepts ingest.
        await Eventually.HoldsAsync(
            async () => await databases.SiloStatusAsync(clusterId, node2.SiloPort) == SiloStatuses.Dead, Bound,
            () => "The stopped node was never declared dead.\n" + Logs());
        await node1.WaitReadyAsync(Bound);
        using var after = new LoadClient([node1.BaseAddress], token, customersPerRegion: 10);
        using var stopAfter = new CancellationTokenSource();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var load = after.RunAsync(workers: 2, stopAfter.Token, deadline.Token);
        await Eventually.HoldsAsync(() => after.Acks.Count >= 20, Bound, () => "The surviving node did not accept ingest again.\n" + Logs());
        await stopAfter.CancelAsync();
        await load;
        Assert.False(node1.HasExited, "node1 died.\n" + Logs());
        Assert.Equal(SiloStatuses.Active, await databases.SiloStatusAsync(clusterId, node1.SiloPort));
    }

    private static int LineCount(ServerNode node)
    {
        using var stream = new FileStream(node.LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n').Length - 1;
    }

    // "Npgsql.NpgsqlException (0x80004005): Failed to connect ..." at the start of a line.
    [GeneratedRegex(@"^[\w.`]+Exception\b[^:]*: ")]
    private static partial Regex ExceptionHeader();

    [GeneratedRegex(@"^\[\d\d:\d\d:\d\d ")]
    private static partial Regex LogTime();
}
