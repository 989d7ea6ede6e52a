using CemOnPrem.Cluster.Tests.Support;
using CemOnPrem.Testing.Postgres;

namespace CemOnPrem.Cluster.Tests.Failover;

/// <summary>PostgreSQL stops for a few seconds under continuous ingest: 503 + Retry-After meanwhile, then recovery by itself.</summary>
[Collection(ClusterProcesses.Name)]
public sealed class DatabaseOutageTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Database_outage_is_answered_503_with_retry_after_and_the_cluster_recovers_by_itself()
    {
        var databases = await ClusterDatabases.CreateAsync(postgres);
        var clusterId = "outage-" + Guid.NewGuid().ToString("N")[..6];
        var logs = Directory.CreateTempSubdirectory("cem-cluster-").FullName;
        await using var node1 = ServerNode.Start("node1", databases, clusterId, logs);
        await node1.WaitReadyAsync(TimeSpan.FromSeconds(90));
        await using var node2 = ServerNode.Start("node2", databases, clusterId, logs);
        await node2.WaitReadyAsync(TimeSpan.FromSeconds(90));
        ServerNode[] nodes = [node1, node2];
        string Logs() => string.Join('\n', nodes.Select(node => node.Tail()));

        using var load = new LoadClient([.. nodes.Select(node => node.BaseAddress)], await DevChannel.TokenAsync(node1.BaseAddress, logs), customersPerRegion: 20);
        using var stop = new CancellationTokenSource();
        using var hardDeadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var running = load.RunAsync(workers: 4, stop.Token, hardDeadline.Token);
        await Eventually.HoldsAsync(() => load.Acks.Count >= 100 && load.ElapsedMs > 3000, Bound, () => "The load never got going.\n" + Logs());

        var stoppedAt = load.ElapsedMs;
        await postgres.StopAsync();
        await Task.Delay(Outage, TestContext.Current.CancellationToken);
        var restartedAt = load.ElapsedMs;
        await postgres.StartAsync();
        await Eventually.HoldsAsync(() => load.Acks.Count(ack => ack.AtMs > restartedAt) >= 50, Bound, () => "Ingest did not recover.\n" + Logs());
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        await stop.CancelAsync();
        await running;

        var acks = load.Acks.ToList();
        ClusterAssertions.ClientsSawOnlyAcceptedOrRetryable(load, logs);
        Assert.Contains(load.UnavailableAtMs, at => at >= stoppedAt && at <= restartedAt);
        await ClusterAssertions.EveryAcknowledgedEventIsStoredOnceAsync(databases, acks);
        Assert.All(nodes, node => Assert.False(node.HasExited, $"{node.Name} died during the outage.\n{Logs()}"));
        await Task.WhenAll(nodes.Select(node => node.WaitReadyAsync(Bound)));
        await ClusterAssertions.EveryCustomerAnswersWithItsEventsAsync(node2.BaseAddress, logs, acks);

        var stored = await databases.StoredTotalAsync(ClusterDatabases.Eu, LoadClient.Source) + await databases.StoredTotalAsync(ClusterDatabases.Cn, LoadClient.Source);
        var firstAckAfter = acks.Where(ack => ack.AtMs > restartedAt).Min(ack => ack.AtMs);
        var baseline = Throughput.PerSecond(acks, stoppedAt - 2000, stoppedAt);
        Report.Write("Cluster failover: PostgreSQL stopped under load (2 nodes)", [
            ("load", "4 concurrent clients, single-event POSTs, Retry-After honoured (at most 2 s)"),
            ("outage", $"pg_ctl stop -m fast, {Outage.TotalSeconds:0} s, pg_ctl start"),
            ("throughput before the outage", $"{baseline:0} events/s"),
            ("503 answers (all problem+json with Retry-After) / other answers", $"{load.UnavailableAtMs.Count} / {load.UnexpectedAnswers.Count}"),
            ("PostgreSQL started → first 202", Report.Ms(firstAckAfter - restartedAt)),
            ("PostgreSQL started → back to 90 % of that throughput", Report.Ms(Throughput.BackTo(acks, baseline, 0.9, restartedAt, load.ElapsedMs))),
            ("events acknowledged (202) / stored", $"{acks.Count} / {stored}"),
        ]);
    }
}
