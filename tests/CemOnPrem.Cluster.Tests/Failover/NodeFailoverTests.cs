using System.Globalization;
using CemOnPrem.Cluster.Tests.Support;
using CemOnPrem.Testing.Postgres;

namespace CemOnPrem.Cluster.Tests.Failover;

/// <summary>
/// Three server processes under continuous ingest: one is killed (kill -9), later another is stopped with SIGTERM.
/// Nothing acknowledged is lost, the killed node's work moves to the survivors, reminders keep firing.
/// </summary>
[Collection(ClusterProcesses.Name)]
public sealed class NodeFailoverTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private const int Canaries = 12;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Killing_a_node_mid_stream_loses_no_acknowledged_event_and_its_work_moves_to_the_survivors()
    {
        var databases = await ClusterDatabases.CreateAsync(postgres);
        var clusterId = "failover-" + Guid.NewGuid().ToString("N")[..6];
        var logs = Directory.CreateTempSubdirectory("cem-cluster-").FullName;
        var settings = new Dictionary<string, string>
        {
            ["CEM__CLUSTER__REMINDERCANARIES"] = Canaries.ToString(CultureInfo.InvariantCulture),
            ["CEM__CLUSTER__REMINDERCANARYPERIODSECONDS"] = "2",
        };

        // The first node migrates the empty databases; the others start once it is ready.
        await using var node1 = ServerNode.Start("node1", databases, clusterId, logs, settings);
        await node1.WaitReadyAsync(TimeSpan.FromSeconds(90));
        await using var node2 = ServerNode.Start("node2", databases, clusterId, logs, settings);
        await using var node3 = ServerNode.Start("node3", databases, clusterId, logs, settings);
        await Task.WhenAll(node2.WaitReadyAsync(TimeSpan.FromSeconds(90)), node3.WaitReadyAsync(TimeSpan.FromSeconds(90)));
        ServerNode[] nodes = [node1, node2, node3];
        string Logs() => string.Join('\n', nodes.Select(node => node.Tail()));

        using var load = new LoadClient([.. nodes.Select(node => node.BaseAddress)], await DevChannel.TokenAsync(node1.BaseAddress, logs), customersPerRegion: 30);
        using var stop = new CancellationTokenSource();
        using var hardDeadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var running = load.RunAsync(workers: 6, stop.Token, hardDeadline.Token);
        await Eventually.HoldsAsync(() => load.Acks.Count >= 200 && load.ElapsedMs > 4000, Bound, () => "The load never got going.\n" + Logs());

        var firedByVictim = (await databases.CanariesAsync()).Count(tick => tick.LastSilo.Contains($":{node3.SiloPort}:", StringComparison.Ordinal));
        var killedAt = load.ElapsedMs;
        node3.Kill();
        await Eventually.HoldsAsync(
            async () => await databases.SiloStatusAsync(clusterId, node3.SiloPort) == SiloStatuses.Dead, Bound,
            () => "The killed node was never declared dead.\n" + Logs());
        var declaredDeadAt = load.ElapsedMs;
        var deathInDatabase = await databases.DatabaseNowAsync();

        // Every canary ticks again after the death, fired by a survivor (the killed node owned part of the ring).
        await Eventually.HoldsAsync(
            async () => await databases.CanariesAsync() is { Count: Canaries } ticks && ticks.All(tick => tick.LastTickAt > deathInDatabase.UtcDateTime.AddSeconds(0.5)),
            Bound, () => "Reminders did not all fire again after the death.\n" + Logs());
        var remindersBackAt = load.ElapsedMs;
        Assert.All(await databases.CanariesAsync(), tick => Assert.DoesNotContain($":{node3.SiloPort}:", tick.LastSilo, StringComparison.Ordinal));
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);

        // Graceful stop: drains, deactivates, leaves the cluster (Dead in the table, by itself) and exits 0.
        var terminatedAt = load.ElapsedMs;
        node2.Terminate();
        Assert.True(await node2.WaitForExitAsync(Bound), "node2 did not stop after SIGTERM.\n" + Logs());
        var exitedAt = load.ElapsedMs;
        Assert.Equal(0, node2.ExitCode);
        Assert.Equal(SiloStatuses.Dead, await databases.SiloStatusAsync(clusterId, node2.SiloPort));
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        await stop.CancelAsync();
        await running;

        var acks = load.Acks.ToList();
        ClusterAssertions.ClientsSawOnlyAcceptedOrRetryable(load, logs);
        Assert.Contains(acks, ack => ack.AtMs > declaredDeadAt);
        Assert.Contains(acks, ack => ack.AtMs > exitedAt);
        await ClusterAssertions.EveryAcknowledgedEventIsStoredOnceAsync(databases, acks);
        await ClusterAssertions.EveryCustomerAnswersWithItsEventsAsync(node1.BaseAddress, logs, acks);
        Assert.Equal(SiloStatuses.Active, await databases.SiloStatusAsync(clusterId, node1.SiloPort));

        var stored = await databases.StoredTotalAsync(ClusterDatabases.Eu, LoadClient.Source) + await databases.StoredTotalAsync(ClusterDatabases.Cn, LoadClient.Source);
        var baseline = Throughput.PerSecond(acks, killedAt - 3000, killedAt);
        Report.Write("Cluster failover: kill -9 one of three nodes under load", [
            ("load", "6 concurrent clients, single-event POSTs round-robin over the nodes, a refusing node skipped for 2 s, retry until acknowledged"),
            ("throughput before the kill", $"{baseline:0} events/s"),
            ("kill -9 → declared Dead in the membership table", Report.Ms(declaredDeadAt - killedAt)),
            ("kill -9 → back to 90 % of that throughput", Report.Ms(Throughput.BackTo(acks, baseline, 0.9, killedAt, terminatedAt))),
            ("throughput in the second after the kill", $"{Throughput.PerSecond(acks, killedAt, killedAt + 1000):0} events/s"),
            ("reminder canaries last fired by the killed node", $"{firedByVictim} of {Canaries}"),
            ("kill -9 → every reminder canary fired again by a survivor", Report.Ms(remindersBackAt - killedAt)),
            ("SIGTERM → process exited (left the cluster)", Report.Ms(exitedAt - terminatedAt)),
            ("events acknowledged (202) / stored", $"{acks.Count} / {stored}"),
            ("connection failures retried / 503 answers / other answers", $"{load.ConnectionFailures} / {load.UnavailableAtMs.Count} / {load.UnexpectedAnswers.Count}"),
        ]);
    }
}
