using CemOnPrem.Testing;
using CemOnPrem.Storage.GrainStorage;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace CemOnPrem.Storage.Tests.GrainStorage;

public sealed class PostgresGrainStorageTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private const string StateName = "profile";
    private readonly PostgresGrainStorage _storage = new(GrainStorageNames.Regional, new RegionalGrainStateDatabase(databases.Regions));
    private readonly GrainId _grain = GrainId.Create("customer", $"{MigratedDatabases.EuCentral}/c-{Guid.NewGuid():N}");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Written_state_reads_back_with_its_etag()
    {
        var written = new GrainState<ProfileState>(new ProfileState("Ada", 1));
        await _storage.WriteStateAsync(StateName, _grain, written, Cancellation);

        var read = new GrainState<ProfileState>(new ProfileState("default", 0));
        await _storage.ReadStateAsync(StateName, _grain, read, Cancellation);

        Assert.Equal(new ProfileState("Ada", 1), read.State);
        Assert.Equal("1", written.ETag);
        Assert.Equal("1", read.ETag);
        Assert.True(written.RecordExists);
        Assert.True(read.RecordExists);
    }

    [Fact]
    public async Task Read_of_a_missing_record_leaves_the_state_untouched()
    {
        var initial = new ProfileState("default", 0);
        var read = new GrainState<ProfileState>(initial, "7") { RecordExists = true };

        await _storage.ReadStateAsync(StateName, _grain, read, Cancellation);

        Assert.Same(initial, read.State);
        Assert.Null(read.ETag);
        Assert.False(read.RecordExists);
    }

    [Fact]
    public async Task Write_with_the_current_etag_bumps_the_version()
    {
        var state = new GrainState<ProfileState>(new ProfileState("Ada", 1));
        await _storage.WriteStateAsync(StateName, _grain, state, Cancellation);
        state.State = new ProfileState("Ada", 2);
        await _storage.WriteStateAsync(StateName, _grain, state, Cancellation);

        var read = new GrainState<ProfileState>();
        await _storage.ReadStateAsync(StateName, _grain, read, Cancellation);

        Assert.Equal("2", state.ETag);
        Assert.Equal("2", read.ETag);
        Assert.Equal(new ProfileState("Ada", 2), read.State);
    }

    [Fact]
    public async Task Write_with_stale_etag_is_refused()
    {
        await _storage.WriteStateAsync(StateName, _grain, new GrainState<ProfileState>(new ProfileState("Ada", 1)), Cancellation);
        var first = await ReadAsync();
        var second = await ReadAsync();
        first.State = new ProfileState("first", 2);
        await _storage.WriteStateAsync(StateName, _grain, first, Cancellation);

        second.State = new ProfileState("second", 2);
        var error = await Assert.ThrowsAsync<InconsistentStateException>(
            () => _storage.WriteStateAsync(StateName, _grain, second, Cancellation));

        Assert.Equal(
            $"Grain storage 'regional': state 'profile' of grain {_grain} was changed by another writer (stored ETag '2', this activation's ETag '1').",
            error.Message);
        Assert.Equal("2", error.StoredEtag);
        Assert.Equal("1", error.CurrentEtag);
        Assert.Equal("1", second.ETag);
        Assert.Equal(new ProfileState("first", 2), (await ReadAsync()).State);
    }

    [Fact]
    public async Task Write_without_etag_over_an_existing_record_is_refused()
    {
        await _storage.WriteStateAsync(StateName, _grain, new GrainState<ProfileState>(new ProfileState("Ada", 1)), Cancellation);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(
            () => _storage.WriteStateAsync(StateName, _grain, new GrainState<ProfileState>(new ProfileState("Bob", 1)), Cancellation));

        Assert.Equal(
            $"Grain storage 'regional': state 'profile' of grain {_grain} was changed by another writer (stored ETag '1', this activation's ETag none).",
            error.Message);
        Assert.Equal(new ProfileState("Ada", 1), (await ReadAsync()).State);
    }

    [Fact]
    public async Task Concurrent_first_writes_store_exactly_one_state()
    {
        var writers = Enumerable.Range(0, 12).Select(i => new GrainState<ProfileState>(new ProfileState($"writer-{i}", i))).ToList();

        var outcomes = await Task.WhenAll(writers.Select(async writer =>
        {
            try
            {
                await _storage.WriteStateAsync(StateName, _grain, writer, Cancellation);
                return (Writer: writer, Error: (Exception?)null);
            }
            catch (InconsistentStateException ex)
            {
                return (Writer: writer, Error: ex);
            }
        }));

        var winner = Assert.Single(outcomes, outcome => outcome.Error is null).Writer;
        Assert.All(outcomes.Where(outcome => outcome.Error is not null), outcome => Assert.Null(outcome.Writer.ETag));
        var stored = await ReadAsync();
        Assert.Equal(winner.State, stored.State);
        Assert.Equal("1", stored.ETag);
    }

    [Fact]
    public async Task Write_with_an_etag_this_storage_never_issued_is_refused()
    {
        await _storage.WriteStateAsync(StateName, _grain, new GrainState<ProfileState>(new ProfileState("Ada", 1)), Cancellation);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(
            () => _storage.WriteStateAsync(StateName, _grain, new GrainState<ProfileState>(new ProfileState("Bob", 1), "W/\"abc\""), Cancellation));

        Assert.Equal(
            $"Grain storage 'regional': state 'profile' of grain {_grain} has an ETag this storage did not issue (stored ETag '1', this activation's ETag 'W/\"abc\"').",
            error.Message);
    }

    [Fact]
    public async Task Write_of_a_null_state_is_refused()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => _storage.WriteStateAsync(StateName, _grain, new GrainState<ProfileState>(), Cancellation));

        Assert.Equal($"Grain storage 'regional': state 'profile' of grain {_grain} is null. (Parameter 'grainState')", error.Message);
    }

    [Fact]
    public async Task Clear_removes_the_record_and_resets_the_etag()
    {
        var state = new GrainState<ProfileState>(new ProfileState("Ada", 1));
        await _storage.WriteStateAsync(StateName, _grain, state, Cancellation);

        await _storage.ClearStateAsync(StateName, _grain, state, Cancellation);

        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        Assert.Empty(await MigratedDatabases.GrainTypesStoredAsync(databases.Regions.For(MigratedDatabases.EuCentral), _grain.Key.ToString()));
        var read = await ReadAsync();
        Assert.False(read.RecordExists);
        await _storage.WriteStateAsync(StateName, _grain, state, Cancellation);
        Assert.Equal("1", state.ETag);
    }

    [Fact]
    public async Task Clear_with_stale_etag_is_refused()
    {
        var stale = new GrainState<ProfileState>(new ProfileState("Ada", 1));
        await _storage.WriteStateAsync(StateName, _grain, stale, Cancellation);
        var current = await ReadAsync();
        await _storage.WriteStateAsync(StateName, _grain, current, Cancellation);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(
            () => _storage.ClearStateAsync(StateName, _grain, stale, Cancellation));

        Assert.Equal(
            $"Grain storage 'regional': state 'profile' of grain {_grain} was changed by another writer (stored ETag '2', this activation's ETag '1').",
            error.Message);
        Assert.Equal("1", stale.ETag);
        Assert.True((await ReadAsync()).RecordExists);
    }

    [Fact]
    public async Task Clear_without_etag_of_a_missing_record_succeeds()
    {
        var state = new GrainState<ProfileState>(new ProfileState("Ada", 1));

        await _storage.ClearStateAsync(StateName, _grain, state, Cancellation);

        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
    }

    private async Task<GrainState<ProfileState>> ReadAsync()
    {
        var state = new GrainState<ProfileState>();
        await _storage.ReadStateAsync(StateName, _grain, state, Cancellation);
        return state;
    }
}
