using Orleans;
using Orleans.Runtime;

namespace CemOnPrem.Storage.Tests.Clustering;

/// <summary>Clean-up and heartbeats as Orleans' clean-up agent and failure detector read them (compared in issue 20).</summary>
public sealed partial class PostgresMembershipTableTests
{
    [Fact]
    public async Task Defunct_clean_up_keeps_a_dead_silo_whose_latest_vote_is_newer_than_the_cut_off()
    {
        // A crashed node stops its heartbeat, then is voted dead: its heartbeat is old, its death is not.
        var longAgo = DateTime.UtcNow.AddDays(-10);
        var justDeclaredDead = Old(MembershipEntries.Joining(), SiloStatus.Dead, longAgo);
        justDeclaredDead.AddOrUpdateSuspector(MembershipEntries.NewSilo(11114), MembershipEntries.WholeSeconds(DateTime.UtcNow), 10);
        var longDead = Old(MembershipEntries.Joining(), SiloStatus.Dead, longAgo);
        longDead.AddOrUpdateSuspector(MembershipEntries.NewSilo(11115), MembershipEntries.WholeSeconds(longAgo), 10);
        foreach (var entry in new[] { justDeclaredDead, longDead })
        {
            Assert.True(await _table.InsertRow(entry, (await _table.ReadAll()).Version.Next()));
        }

        await _table.CleanupDefunctSiloEntries(new DateTimeOffset(longAgo.AddDays(3)));

        var data = await _table.ReadAll();
        Assert.Equal([justDeclaredDead.SiloAddress], data.Members.Select(member => member.Item1.SiloAddress));
    }

    [Fact]
    public async Task A_heartbeat_never_moves_back()
    {
        var entry = MembershipEntries.Joining();
        Assert.True(await _table.InsertRow(entry, (await _table.ReadAll()).Version.Next()));
        var latest = MembershipEntries.WholeSeconds(DateTime.UtcNow.AddSeconds(30));
        await _table.UpdateIAmAlive(new MembershipEntry { SiloAddress = entry.SiloAddress, IAmAliveTime = latest });

        // A heartbeat that arrives late, and a vote written with the IAmAlive its writer read before the last heartbeat.
        await _table.UpdateIAmAlive(new MembershipEntry { SiloAddress = entry.SiloAddress, IAmAliveTime = latest.AddSeconds(-20) });
        var data = await _table.ReadAll();
        var (row, etag) = data.TryGet(entry.SiloAddress)!;
        row.IAmAliveTime = latest.AddSeconds(-10);
        row.AddOrUpdateSuspector(MembershipEntries.NewSilo(11116), MembershipEntries.WholeSeconds(DateTime.UtcNow), 10);
        Assert.True(await _table.UpdateRow(row, etag, data.Version.Next()));

        var stored = (await _table.ReadAll()).TryGet(entry.SiloAddress)!.Item1;
        Assert.Equal(latest, stored.IAmAliveTime);
        Assert.Single(stored.SuspectTimes!);
    }
}
