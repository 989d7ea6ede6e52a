using CemOnPrem.Cases.Clocks;
using CemOnPrem.Cases.Opening;
using CemOnPrem.Cluster.Tests.Support;
using CemOnPrem.Sdk.Journeys;
using CemOnPrem.Testing.Postgres;
using Dapper;
using Npgsql;

namespace CemOnPrem.Cluster.Tests.Cases;

/// <summary>
/// Three server processes; a case whose SLA warns in a few seconds and breaches a few seconds later. The node whose
/// reminder service fired the warning (it holds the case's reminder) is killed with kill -9 before the breach: a
/// survivor takes over the reminder and the case breaches and escalates exactly once.
/// </summary>
[Collection(ClusterProcesses.Name)]
public sealed class CaseEscalationFailoverTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    // 8 s between warning and breach: a survivor owns the reminder before the due instant and fires it on time.
    // 2 s: the due instant passes while the killed node is still being declared dead; the survivor fires the missed
    // tick at the next multiple of the retry period.
    [Theory]
    [InlineData(8)]
    [InlineData(2)]
    public async Task Killing_the_node_that_holds_a_case_reminder_before_its_breach_gives_exactly_one_escalation_from_a_survivor(int secondsToBreach)
    {
        var databases = await ClusterDatabases.CreateAsync(postgres);
        var clusterId = "escalation-" + Guid.NewGuid().ToString("N")[..6];
        var logs = Directory.CreateTempSubdirectory("cem-cluster-").FullName;
        var settings = new Dictionary<string, string>
        {
            ["CEM__CASES__ESCALATION__ARMINTERVALMILLISECONDS"] = "500",
            // A tick missed while the holder was dying is fired at the next multiple of this period.
            ["CEM__CASES__ESCALATION__RETRYPERIODSECONDS"] = "2",
        };
        await using var node1 = ServerNode.Start("node1", databases, clusterId, logs, settings);
        await node1.WaitReadyAsync(TimeSpan.FromSeconds(90));
        await using var node2 = ServerNode.Start("node2", databases, clusterId, logs, settings);
        await using var node3 = ServerNode.Start("node3", databases, clusterId, logs, settings);
        await Task.WhenAll(node2.WaitReadyAsync(TimeSpan.FromSeconds(90)), node3.WaitReadyAsync(TimeSpan.FromSeconds(90)));
        ServerNode[] nodes = [node1, node2, node3];
        string Logs() => string.Join('\n', nodes.Select(node => node.Tail()));
        await CreateTreeAsync(databases.Control);

        var opened = DateTimeOffset.UtcNow;
        var draft = Draft(opened, warnAfter: TimeSpan.FromSeconds(6), dueAfter: TimeSpan.FromSeconds(6 + secondsToBreach));
        await OpenAsync(databases.Regions[ClusterDatabases.Eu], draft);

        await Eventually.HoldsAsync(async () => (await EventsAsync(databases, draft.CaseId)).ContainsKey("sla/warning"), Bound,
            () => "The case never warned.\n" + Logs());
        var warnedBy = (await EventsAsync(databases, draft.CaseId))["sla/warning"];
        var holder = nodes.Single(node => warnedBy.Contains($":{node.SiloPort}:", StringComparison.Ordinal));
        var killedAt = DateTimeOffset.UtcNow;
        Assert.True(killedAt < draft.Clocks.Sla.DueAt, "The warning came too late to kill the holder before the breach.");
        holder.Kill();

        await Eventually.HoldsAsync(async () => (await EventsAsync(databases, draft.CaseId)).ContainsKey("sla/breach"), Bound,
            () => "The case never breached after its reminder holder was killed.\n" + Logs());
        var breachedAt = DateTimeOffset.UtcNow;
        // Anything that would fire twice (a stale reminder, a replayed tick) has had time to.
        await Task.Delay(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        var events = await EventsAsync(databases, draft.CaseId);
        Assert.Equal(["sla/breach", "sla/warning"], events.Keys.Order(StringComparer.Ordinal));
        Assert.DoesNotContain($":{holder.SiloPort}:", events["sla/breach"], StringComparison.Ordinal);
        Assert.Contains(nodes.Where(node => node != holder), node => events["sla/breach"].Contains($":{node.SiloPort}:", StringComparison.Ordinal));
        await using var region = new NpgsqlConnection(databases.Regions[ClusterDatabases.Eu]);
        var actions = (await region.QueryAsync<string>("select action from case_history where case_id = @id order by entry_id", new { id = draft.CaseId })).ToList();
        Assert.Equal(["opened", "warning", "breached", "escalated"], actions);
        var moved = await region.QuerySingleAsync<(string QueueUnit, int Priority, int Level)>(
            "select queue_unit, priority::int, escalation_level from cases where case_id = @id", new { id = draft.CaseId });
        Assert.Equal(("esc-north", 2, 1), moved);

        Report.Write($"Cases: kill -9 the node holding a case's reminder {secondsToBreach} s before its breach", [
            ("nodes", "3 server processes on one PostgreSQL; reminder retry period 2 s"),
            ("warning fired by", holder.Name),
            ("kill -9 before the due instant", Report.Ms((draft.Clocks.Sla.DueAt - killedAt).TotalMilliseconds)),
            ("due instant → breach recorded by a survivor", Report.Ms((breachedAt - draft.Clocks.Sla.DueAt).TotalMilliseconds)),
            ("kill -9 → breach recorded by a survivor", Report.Ms((breachedAt - killedAt).TotalMilliseconds)),
            ("escalations / breach rows", $"{actions.Count(a => a == "escalated")} / {events.Count(e => e.Key == "sla/breach")}"),
        ]);
    }

    private static NewCase Draft(DateTimeOffset opened, TimeSpan warnAfter, TimeSpan dueAfter) => new()
    {
        CaseId = NewCase.NewId(),
        Region = ClusterDatabases.Eu,
        Origin = "manual",
        CaseType = "complaint",
        QueueUnit = "esc-branch",
        OrgUnit = "esc-branch",
        Priority = 3,
        OpenedAt = opened,
        OpenedBy = "cluster-test",
        Clocks = new CaseClockPlan(new CaseClock("sla", SlaUnit.Hours, opened + dueAfter, opened + warnAfter, Pausable: false), null),
    };

    private static async Task OpenAsync(string regionDatabase, NewCase draft)
    {
        await using var connection = new NpgsqlConnection(regionDatabase);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(TestContext.Current.CancellationToken);
        Assert.Single(await CaseOpening.InsertAsync(connection, transaction, [draft], TestContext.Current.CancellationToken));
        await transaction.CommitAsync(TestContext.Current.CancellationToken);
    }

    private static async Task CreateTreeAsync(string control)
    {
        await using var connection = new NpgsqlConnection(control);
        await connection.ExecuteAsync(
            """
            insert into org_units (code, name, level, parent_code, path) values
                ('esc-hq', 'HQ', 'hq', null, '/esc-hq/'),
                ('esc-north', 'North', 'region', 'esc-hq', '/esc-hq/esc-north/'),
                ('esc-branch', 'Branch', 'branch', 'esc-north', '/esc-hq/esc-north/esc-branch/')
            on conflict (code) do nothing
            """);
    }

    /// <returns>The case's recorded thresholds ('clock/kind') and the silo that recorded each.</returns>
    private static async Task<IReadOnlyDictionary<string, string>> EventsAsync(ClusterDatabases databases, string caseId)
    {
        await using var connection = new NpgsqlConnection(databases.Regions[ClusterDatabases.Eu]);
        var rows = await connection.QueryAsync<(string Threshold, string FiredBy)>(
            "select clock || '/' || kind, fired_by from case_clock_events where case_id = @caseId", new { caseId });
        return rows.ToDictionary(row => row.Threshold, row => row.FiredBy, StringComparer.Ordinal);
    }
}
