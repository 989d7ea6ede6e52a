using CemOnPrem.Testing;
using CemOnPrem.Storage.GrainStorage;
using Npgsql;
using Orleans;
using Orleans.Runtime;

namespace CemOnPrem.Storage.Tests.GrainStorage;

public sealed class GrainStateRoutingTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private const string StateName = "profile";
    private readonly PostgresGrainStorage _regional = new(GrainStorageNames.Regional, new RegionalGrainStateDatabase(databases.Regions));

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Regional_state_is_stored_in_its_region_database_only()
    {
        var suffix = Guid.NewGuid().ToString("N");
        var euKey = $"eu-central/c-{suffix}";
        var cnKey = $"cn-east/c-{suffix}";

        await _regional.WriteStateAsync(StateName, GrainId.Create("customer", euKey), new GrainState<ProfileState>(new ProfileState("eu", 1)), Cancellation);
        await _regional.WriteStateAsync(StateName, GrainId.Create("customer", cnKey), new GrainState<ProfileState>(new ProfileState("cn", 1)), Cancellation);

        var eu = databases.Regions.For(MigratedDatabases.EuCentral);
        var cn = databases.Regions.For(MigratedDatabases.CnEast);
        Assert.Equal(["customer/profile"], await MigratedDatabases.GrainTypesStoredAsync(eu, euKey));
        Assert.Empty(await MigratedDatabases.GrainTypesStoredAsync(eu, cnKey));
        Assert.Equal(["customer/profile"], await MigratedDatabases.GrainTypesStoredAsync(cn, cnKey));
        Assert.Empty(await MigratedDatabases.GrainTypesStoredAsync(cn, euKey));
        Assert.Empty(await MigratedDatabases.GrainTypesStoredAsync(databases.Control.DataSource, euKey));
        Assert.Empty(await MigratedDatabases.GrainTypesStoredAsync(databases.Control.DataSource, cnKey));
    }

    [Fact]
    public async Task Key_of_an_unknown_region_is_refused()
    {
        var grain = GrainId.Create("customer", "us-west/c-1");

        var error = await Assert.ThrowsAsync<GrainStateRoutingException>(
            () => _regional.WriteStateAsync(StateName, grain, new GrainState<ProfileState>(new ProfileState("Ada", 1)), Cancellation));

        Assert.Equal(
            "Grain customer/us-west/c-1 cannot use regional storage: its key 'us-west/c-1' names region 'us-west', " +
            "which has no database here. Configured regions: cn-east, eu-central.",
            error.Message);
        Assert.Empty(await MigratedDatabases.GrainTypesStoredAsync(databases.Control.DataSource, "us-west/c-1"));
    }

    [Theory]
    [InlineData("c-1")]
    [InlineData("/c-1")]
    [InlineData("EU Central/c-1")]
    public async Task Key_without_a_region_is_refused(string key)
    {
        var grain = GrainId.Create("customer", key);

        var error = await Assert.ThrowsAsync<GrainStateRoutingException>(
            () => _regional.ReadStateAsync(StateName, grain, new GrainState<ProfileState>(), Cancellation));

        Assert.Equal(
            $"Grain customer/{key} cannot use regional storage: its key '{key}' does not start with a residency region ('{{region}}/...').",
            error.Message);
    }

    [Fact]
    public async Task Control_state_is_stored_in_the_control_database()
    {
        var control = new PostgresGrainStorage(GrainStorageNames.Control, new ControlGrainStateDatabase(databases.Control));
        var key = $"settings-{Guid.NewGuid():N}";

        await control.WriteStateAsync("settings", GrainId.Create("deployment", key), new GrainState<ProfileState>(new ProfileState("pilot", 1)), Cancellation);

        Assert.Equal(["deployment/settings"], await MigratedDatabases.GrainTypesStoredAsync(databases.Control.DataSource, key));
    }

    [Fact]
    public async Task Misrouted_write_is_stopped_by_the_region_database()
    {
        // Defence in depth: even a wrong router cannot put an eu-central row into cn-east.
        var misrouted = new PostgresGrainStorage("misrouted", new FixedDatabase(databases.Regions.For(MigratedDatabases.CnEast)));
        var grain = GrainId.Create("customer", $"eu-central/c-{Guid.NewGuid():N}");

        var error = await Assert.ThrowsAsync<PostgresException>(
            () => misrouted.WriteStateAsync(StateName, grain, new GrainState<ProfileState>(new ProfileState("Ada", 1)), Cancellation));

        Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
        Assert.Equal("grain_state_region_pinned", error.ConstraintName);
    }

    private sealed class FixedDatabase(NpgsqlDataSource dataSource) : IGrainStateDatabase
    {
        public NpgsqlDataSource DataSourceFor(GrainId grainId) => dataSource;
    }
}
