using Orleans;
using Orleans.Runtime;

namespace CemOnPrem.Storage.Tests.Clustering;

public sealed partial class PostgresMembershipTableTests
{
    [Fact]
    public async Task Update_needs_both_the_current_etag_and_the_next_version()
    {
        var entry = MembershipEntries.Joining();
        var inserted = (await _table.ReadAll()).Version.Next();
        Assert.True(await _table.InsertRow(entry, inserted));
        var etag = (await _table.ReadAll()).TryGet(entry.SiloAddress)!.Item2;
        entry.Status = SiloStatus.Active;

        Assert.False(await _table.UpdateRow(entry, etag, inserted));
        var next = (await _table.ReadAll()).Version.Next();
        Assert.True(await _table.UpdateRow(entry, etag, next));
        Assert.False(await _table.UpdateRow(entry, etag, next));
        Assert.False(await _table.UpdateRow(entry, etag, next.Next()));
        var newEtag = (await _table.ReadAll()).TryGet(entry.SiloAddress)!.Item2;
        Assert.False(await _table.UpdateRow(entry, newEtag, next));

        var data = await _table.ReadAll();
        var (stored, storedEtag) = data.TryGet(entry.SiloAddress)!;
        Assert.Equal(SiloStatus.Active, stored.Status);
        Assert.Equal(entry.ToFullString(), stored.ToFullString());
        Assert.Equal("2", storedEtag);
        Assert.Equal(newEtag, storedEtag);
        Assert.Equal(2, data.Version.Version);
    }

    [Fact]
    public async Task Update_with_an_etag_the_table_never_issued_is_refused()
    {
        var entry = MembershipEntries.Joining();
        Assert.True(await _table.InsertRow(entry, (await _table.ReadAll()).Version.Next()));

        Assert.False(await _table.UpdateRow(entry, "W/\"abc\"", (await _table.ReadAll()).Version.Next()));
        Assert.False(await _table.UpdateRow(entry, "7", (await _table.ReadAll()).Version.Next()));

        Assert.Equal(1, (await _table.ReadAll()).Version.Version);
    }

    [Fact]
    public async Task Update_of_a_missing_silo_is_refused_and_leaves_the_version_unchanged()
    {
        Assert.False(await _table.UpdateRow(MembershipEntries.Joining(), "1", (await _table.ReadAll()).Version.Next()));

        Assert.Equal(0, (await _table.ReadAll()).Version.Version);
    }

    [Fact]
    public async Task Suspicion_votes_and_death_are_stored_with_the_row()
    {
        var target = MembershipEntries.Joining();
        target.Status = SiloStatus.Active;
        Assert.True(await _table.InsertRow(target, (await _table.ReadAll()).Version.Next()));
        var firstVoter = MembershipEntries.NewSilo(11112);
        var secondVoter = MembershipEntries.NewSilo(11113);
        var firstVoteAt = MembershipEntries.WholeSeconds(DateTime.UtcNow);

        var data = await _table.ReadAll();
        var (row, etag) = data.TryGet(target.SiloAddress)!;
        row.AddOrUpdateSuspector(firstVoter, firstVoteAt, 10);
        Assert.True(await _table.UpdateRow(row, etag, data.Version.Next()));

        data = await _table.ReadAll();
        (row, etag) = data.TryGet(target.SiloAddress)!;
        var vote = Assert.Single(row.SuspectTimes!);
        Assert.Equal(firstVoter, vote.Item1);
        Assert.Equal(firstVoteAt, vote.Item2);
        Assert.Equal(DateTimeKind.Utc, vote.Item2.Kind);
        Assert.Equal(SiloStatus.Active, row.Status);

        row.AddOrUpdateSuspector(secondVoter, firstVoteAt.AddSeconds(1), 10);
        row.Status = SiloStatus.Dead;
        Assert.True(await _table.UpdateRow(row, etag, data.Version.Next()));

        data = await _table.ReadAll();
        var dead = data.TryGet(target.SiloAddress)!.Item1;
        Assert.Equal(SiloStatus.Dead, dead.Status);
        Assert.Equal([firstVoter, secondVoter], dead.SuspectTimes!.Select(v => v.Item1));
        Assert.Equal(3, data.Version.Version);
    }

    [Fact]
    public async Task IAmAlive_moves_only_the_heartbeat()
    {
        var entry = MembershipEntries.Joining();
        Assert.True(await _table.InsertRow(entry, (await _table.ReadAll()).Version.Next()));
        var before = await _table.ReadAll();
        var heartbeat = DateTime.UtcNow.AddSeconds(5);

        await _table.UpdateIAmAlive(new MembershipEntry { SiloAddress = entry.SiloAddress, IAmAliveTime = heartbeat });

        var after = await _table.ReadAll();
        var (stored, etag) = after.TryGet(entry.SiloAddress)!;
        // timestamptz keeps microseconds.
        Assert.True((heartbeat - stored.IAmAliveTime).Duration() < TimeSpan.FromMilliseconds(1));
        Assert.Equal(entry.StartTime, stored.StartTime);
        Assert.Equal(entry.Status, stored.Status);
        Assert.Equal(before.TryGet(entry.SiloAddress)!.Item2, etag);
        Assert.Equal(before.Version, after.Version);
    }

    [Fact]
    public async Task Defunct_clean_up_removes_old_silos_that_are_not_active()
    {
        var longAgo = DateTime.UtcNow.AddDays(-10);
        var oldDead = Old(MembershipEntries.Joining(), SiloStatus.Dead, longAgo);
        var oldJoining = Old(MembershipEntries.Joining(), SiloStatus.Joining, longAgo);
        var oldButActive = Old(MembershipEntries.Joining(), SiloStatus.Active, longAgo);
        var recentDead = Old(MembershipEntries.Joining(), SiloStatus.Dead, DateTime.UtcNow);
        foreach (var entry in new[] { oldDead, oldJoining, oldButActive, recentDead })
        {
            Assert.True(await _table.InsertRow(entry, (await _table.ReadAll()).Version.Next()));
        }

        await _table.CleanupDefunctSiloEntries(new DateTimeOffset(longAgo.AddDays(3)));

        var data = await _table.ReadAll();
        Assert.Equal(
            new[] { oldButActive.SiloAddress, recentDead.SiloAddress }.Order(),
            data.Members.Select(member => member.Item1.SiloAddress).Order());
        Assert.Equal(4, data.Version.Version);
    }

    [Fact]
    public async Task Concurrent_inserts_of_one_silo_admit_exactly_one()
    {
        var entry = MembershipEntries.Joining();
        var next = (await _table.ReadAll()).Version.Next();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => _table.InsertRow(entry, next))));

        Assert.Single(outcomes, ok => ok);
        Assert.Equal(1, (await _table.ReadAll()).Version.Version);
    }

    [Fact]
    public async Task Concurrent_updates_that_retry_on_refusal_each_win_once()
    {
        var entry = MembershipEntries.Joining();
        Assert.True(await _table.InsertRow(entry, (await _table.ReadAll()).Version.Next()));

        await Task.WhenAll(Enumerable.Range(0, 19).Select(writer => Task.Run(async () =>
        {
            while (true)
            {
                var data = await _table.ReadAll();
                var (row, etag) = data.TryGet(entry.SiloAddress)!;
                row.SiloName = "writer-" + writer;
                if (await _table.UpdateRow(row, etag, data.Version.Next()))
                {
                    return;
                }

            }
        })));

        var final = await _table.ReadAll();
        Assert.Equal(20, final.Version.Version);
        Assert.Equal("20", final.TryGet(entry.SiloAddress)!.Item2);
        Assert.Single(final.Members);
    }

    private static MembershipEntry Old(MembershipEntry entry, SiloStatus status, DateTime at)
    {
        entry.Status = status;
        entry.StartTime = MembershipEntries.WholeSeconds(at);
        entry.IAmAliveTime = MembershipEntries.WholeSeconds(at);
        return entry;
    }
}
