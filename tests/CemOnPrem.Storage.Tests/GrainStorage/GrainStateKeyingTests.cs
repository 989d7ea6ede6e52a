using CemOnPrem.Testing;
using CemOnPrem.Storage.GrainStorage;
using Dapper;
using Orleans;
using Orleans.Runtime;

namespace CemOnPrem.Storage.Tests.GrainStorage;

/// <summary>How grain states map to rows: one per grain type, key and state name, as readable jsonb.</summary>
public sealed class GrainStateKeyingTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private const string StateName = "profile";
    private readonly PostgresGrainStorage _storage = new(GrainStorageNames.Regional, new RegionalGrainStateDatabase(databases.Regions));
    private readonly GrainId _grain = GrainId.Create("customer", $"{MigratedDatabases.EuCentral}/c-{Guid.NewGuid():N}");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Grain_types_with_the_same_key_and_state_name_do_not_share_a_row()
    {
        var journey = GrainId.Create("journey", _grain.Key.ToString());
        await _storage.WriteStateAsync(StateName, _grain, new GrainState<ProfileState>(new ProfileState("customer", 1)), Cancellation);
        await _storage.WriteStateAsync(StateName, journey, new GrainState<ProfileState>(new ProfileState("journey", 1)), Cancellation);

        var journeyState = new GrainState<ProfileState>();
        await _storage.ReadStateAsync(StateName, journey, journeyState, Cancellation);

        Assert.Equal(new ProfileState("customer", 1), (await ReadAsync()).State);
        Assert.Equal(new ProfileState("journey", 1), journeyState.State);
        Assert.Equal(
            ["customer/profile", "journey/profile"],
            await MigratedDatabases.GrainTypesStoredAsync(databases.Regions.For(MigratedDatabases.EuCentral), _grain.Key.ToString()));
    }

    [Fact]
    public async Task States_of_one_grain_with_different_names_do_not_share_a_row()
    {
        await _storage.WriteStateAsync("profile", _grain, new GrainState<ProfileState>(new ProfileState("profile", 1)), Cancellation);
        await _storage.WriteStateAsync("preferences", _grain, new GrainState<ProfileState>(new ProfileState("preferences", 1)), Cancellation);

        var preferences = new GrainState<ProfileState>();
        await _storage.ReadStateAsync("preferences", _grain, preferences, Cancellation);

        Assert.Equal(new ProfileState("profile", 1), (await ReadAsync()).State);
        Assert.Equal(new ProfileState("preferences", 1), preferences.State);
        Assert.Equal("1", preferences.ETag);
    }

    [Fact]
    public async Task State_name_containing_the_separator_is_refused()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => _storage.ReadStateAsync("profile/v2", _grain, new GrainState<ProfileState>(), Cancellation));

        Assert.Equal("State name 'profile/v2' must not contain '/'. (Parameter 'stateName')", error.Message);
    }

    [Fact]
    public async Task State_is_stored_as_jsonb_readable_with_sql()
    {
        await _storage.WriteStateAsync(StateName, _grain, new GrainState<ProfileState>(new ProfileState("Ada", 3)), Cancellation);

        await using var connection = await databases.Regions.For(MigratedDatabases.EuCentral).OpenConnectionAsync(Cancellation);
        var row = await connection.QuerySingleAsync<(string Type, string Name, int Visits, int Version)>(
            """
            select jsonb_typeof(state), state->>'name', (state->>'visits')::int, version
            from grain_state where grain_type = 'customer/profile' and grain_key = @key
            """,
            new { key = _grain.Key.ToString() });

        Assert.Equal(("object", "Ada", 3, 1), row);
    }

    private async Task<GrainState<ProfileState>> ReadAsync()
    {
        var state = new GrainState<ProfileState>();
        await _storage.ReadStateAsync(StateName, _grain, state, Cancellation);
        return state;
    }
}
