using CemOnPrem.Storage.Databases;
using Npgsql;

namespace CemOnPrem.Storage.Tests.Databases;

public sealed class DataSourcesTests
{
    private const string Plain = "Host=127.0.0.1;Port=5432;Database=cem_eu;Username=cem";

    [Fact]
    public async Task The_general_pool_is_bounded_and_prepares_nothing()
    {
        await using var source = DataSources.Create(Plain);

        var settings = new NpgsqlConnectionStringBuilder(source.ConnectionString);

        Assert.Equal((DataSources.DefaultMaxPoolSize, 0), (settings.MaxPoolSize, settings.MaxAutoPrepare));
    }

    [Fact]
    public async Task The_event_writers_pool_prepares_its_statements_without_sequential_scans_or_command_timeout()
    {
        await using var source = DataSources.CreateForEventWriter(Plain);

        var settings = new NpgsqlConnectionStringBuilder(source.ConnectionString);

        Assert.Equal((DataSources.DefaultMaxPoolSize, 32, 2, 0), (settings.MaxPoolSize, settings.MaxAutoPrepare, settings.AutoPrepareMinUsages, settings.CommandTimeout));
        Assert.Equal("-c enable_seqscan=off", settings.Options);
    }

    [Fact]
    public async Task What_the_operator_set_in_the_connection_string_is_kept()
    {
        // Behind PgBouncer in transaction mode prepared statements must be off (docs/operations.md).
        await using var source = DataSources.CreateForEventWriter(Plain + ";Max Auto Prepare=0;Maximum Pool Size=8;Options=-c synchronous_commit=off");

        var settings = new NpgsqlConnectionStringBuilder(source.ConnectionString);

        Assert.Equal((8, 0), (settings.MaxPoolSize, settings.MaxAutoPrepare));
        Assert.Equal("-c synchronous_commit=off -c enable_seqscan=off", settings.Options);
    }
}
