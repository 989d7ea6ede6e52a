using CemOnPrem.Storage.Clustering;
using CemOnPrem.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans;
using Orleans.Runtime;

namespace CemOnPrem.Storage.Tests.Clustering;

/// <summary>
/// The behaviours Orleans' own membership table tests check (MembershipTableTestsBase), against our table:
/// versioned inserts and updates, ETags, IAmAlive, suspicion and death, defunct clean-up.
/// </summary>
public sealed partial class PostgresMembershipTableTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>, IAsyncLifetime
{
    private readonly PostgresMembershipTable _table = new(
        databases.Control.DataSource, "test-" + Guid.NewGuid().ToString("N")[..10], NullLogger<PostgresMembershipTable>.Instance);

    public async ValueTask InitializeAsync() => await _table.InitializeMembershipTable(tryInitTableVersion: true);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Empty_table_reads_as_version_zero_with_an_etag()
    {
        var data = await _table.ReadAll();

        Assert.Empty(data.Members);
        Assert.Equal(0, data.Version.Version);
        Assert.Equal("0", data.Version.VersionEtag);
    }

    [Fact]
    public async Task Initialising_twice_keeps_the_version()
    {
        Assert.True(await _table.InsertRow(MembershipEntries.Joining(), (await _table.ReadAll()).Version.Next()));

        await _table.InitializeMembershipTable(tryInitTableVersion: true);

        Assert.Equal(1, (await _table.ReadAll()).Version.Version);
    }

    [Fact]
    public async Task Insert_with_the_next_version_adds_the_member_and_moves_the_version()
    {
        var entry = MembershipEntries.Joining();
        var before = await _table.ReadAll();

        Assert.True(await _table.InsertRow(entry, before.Version.Next()));

        var after = await _table.ReadAll();
        var (stored, etag) = Assert.Single(after.Members);
        Assert.Equal(entry.ToFullString(), stored.ToFullString());
        Assert.Equal(entry.SiloAddress, stored.SiloAddress);
        Assert.Equal("cem", stored.RoleName);
        Assert.Equal((1, 2), (stored.UpdateZone, stored.FaultZone));
        Assert.Equal("1", etag);
        Assert.Equal(1, after.Version.Version);
        Assert.NotEqual(before.Version.VersionEtag, after.Version.VersionEtag);
    }

    [Fact]
    public async Task Insert_with_a_stale_table_version_is_refused()
    {
        var first = MembershipEntries.Joining();
        var next = (await _table.ReadAll()).Version.Next();
        Assert.True(await _table.InsertRow(first, next));

        Assert.False(await _table.InsertRow(first, next));
        Assert.False(await _table.InsertRow(MembershipEntries.Joining(), next));

        var data = await _table.ReadAll();
        Assert.Single(data.Members);
        Assert.Equal(1, data.Version.Version);
    }

    [Fact]
    public async Task Insert_with_a_version_that_skips_ahead_is_refused()
    {
        Assert.False(await _table.InsertRow(MembershipEntries.Joining(), new TableVersion(2, "1")));

        Assert.Equal(0, (await _table.ReadAll()).Version.Version);
    }

    [Fact]
    public async Task Insert_of_an_existing_silo_is_refused_and_leaves_the_version_unchanged()
    {
        var entry = MembershipEntries.Joining();
        Assert.True(await _table.InsertRow(entry, (await _table.ReadAll()).Version.Next()));

        Assert.False(await _table.InsertRow(entry, (await _table.ReadAll()).Version.Next()));

        var data = await _table.ReadAll();
        Assert.Single(data.Members);
        Assert.Equal(1, data.Version.Version);
    }

    [Fact]
    public async Task Read_row_returns_that_member_and_the_table_version()
    {
        var entry = MembershipEntries.Joining();
        var other = MembershipEntries.Joining();
        Assert.True(await _table.InsertRow(entry, (await _table.ReadAll()).Version.Next()));
        Assert.True(await _table.InsertRow(other, (await _table.ReadAll()).Version.Next()));

        var data = await _table.ReadRow(entry.SiloAddress);

        var (stored, etag) = Assert.Single(data.Members);
        Assert.Equal(entry.SiloAddress, stored.SiloAddress);
        Assert.Equal("1", etag);
        Assert.Equal(2, data.Version.Version);
        Assert.Equal("2", data.Version.VersionEtag);
    }

    [Fact]
    public async Task Read_row_of_an_unknown_silo_has_no_member_but_the_version()
    {
        Assert.True(await _table.InsertRow(MembershipEntries.Joining(), (await _table.ReadAll()).Version.Next()));

        var data = await _table.ReadRow(MembershipEntries.NewSilo());

        Assert.Empty(data.Members);
        Assert.Equal(1, data.Version.Version);
    }

    [Fact]
    public async Task A_generation_is_a_different_silo_on_the_same_endpoint()
    {
        var old = MembershipEntries.Joining(MembershipEntries.NewSilo(port: 12000));
        var restarted = MembershipEntries.Joining(MembershipEntries.NewSilo(port: 12000));
        Assert.True(await _table.InsertRow(old, (await _table.ReadAll()).Version.Next()));
        Assert.True(await _table.InsertRow(restarted, (await _table.ReadAll()).Version.Next()));

        var data = await _table.ReadAll();

        Assert.Equal(2, data.Members.Count);
        Assert.Equal(old.SiloAddress, Assert.Single((await _table.ReadRow(old.SiloAddress)).Members).Item1.SiloAddress);
    }

    [Fact]
    public async Task Membership_of_other_clusters_is_invisible()
    {
        var other = new PostgresMembershipTable(databases.Control.DataSource, "other-" + Guid.NewGuid().ToString("N")[..10], NullLogger<PostgresMembershipTable>.Instance);
        await other.InitializeMembershipTable(true);
        Assert.True(await other.InsertRow(MembershipEntries.Joining(), (await other.ReadAll()).Version.Next()));
        Assert.True(await other.InsertRow(MembershipEntries.Joining(), (await other.ReadAll()).Version.Next()));

        var mine = await _table.ReadAll();

        Assert.Empty(mine.Members);
        Assert.Equal(0, mine.Version.Version);
        Assert.Equal(2, (await other.ReadAll()).Version.Version);
    }

    [Fact]
    public async Task Deleting_the_cluster_removes_its_members_and_version_only()
    {
        var other = new PostgresMembershipTable(databases.Control.DataSource, "other-" + Guid.NewGuid().ToString("N")[..10], NullLogger<PostgresMembershipTable>.Instance);
        await other.InitializeMembershipTable(true);
        Assert.True(await other.InsertRow(MembershipEntries.Joining(), (await other.ReadAll()).Version.Next()));
        Assert.True(await _table.InsertRow(MembershipEntries.Joining(), (await _table.ReadAll()).Version.Next()));

        await _table.DeleteMembershipTableEntries(_table.ClusterId);

        var mine = await _table.ReadAll();
        Assert.Empty(mine.Members);
        Assert.Equal(0, mine.Version.Version);
        Assert.Single((await other.ReadAll()).Members);
    }
}
