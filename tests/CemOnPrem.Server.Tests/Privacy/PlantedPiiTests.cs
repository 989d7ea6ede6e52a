using System.Net;

namespace CemOnPrem.Server.Tests.Privacy;

/// <remarks>
/// Runs alone: Serilog's hosting integration routes every in-process server's logs through the static logger of
/// the server built last, so with other test servers alive this run's log would hold their events, not its own.
/// </remarks>
[Collection(nameof(RunsAlone))]
public sealed class PlantedPiiTests(PlantedPii run) : IClassFixture<PlantedPii>
{
    [Fact]
    public void Reads_return_the_decrypted_values_to_a_full_access_caller()
    {
        Assert.Equal(HttpStatusCode.BadRequest, run.InvalidStatus);
        var identities = run.View.GetProperty("identities").EnumerateArray().Select(i => i.GetProperty("value").GetString()).ToList();
        Assert.Contains(run.Email, identities);
        Assert.Contains(run.Phone, identities);
        Assert.Contains(run.Account, identities);
        var newest = run.Timeline.GetProperty("items")[0];
        Assert.Equal(PlantedPii.FirstName, newest.GetProperty("attributes").GetProperty("first-name").GetString());
        Assert.Contains(run.Email, newest.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Card_numbers_are_redacted_at_ingest_keeping_bin_and_last_four()
    {
        var newest = run.Timeline.GetProperty("items")[0];
        Assert.Equal("411111******1111", newest.GetProperty("attributes").GetProperty("card-number").GetString());
        Assert.Contains("card 411111******1111,", newest.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_planted_value_appears_in_a_dump_of_the_region_or_control_database()
    {
        var region = await PlantedPii.DumpAsync(run.Databases.Regions["eu-central"]);
        var control = await PlantedPii.DumpAsync(run.Databases.Control);

        // The dumps hold the run's rows (else the test would pass vacuously).
        Assert.Contains(run.CustomerId, region, StringComparison.Ordinal);
        Assert.Contains("customer.read", control, StringComparison.Ordinal);
        foreach (var secret in run.Secrets)
        {
            Assert.False(region.Contains(secret, StringComparison.OrdinalIgnoreCase), $"region dump contains '{secret}'");
            Assert.False(control.Contains(secret, StringComparison.OrdinalIgnoreCase), $"control dump contains '{secret}'");
        }
    }

    [Fact]
    public async Task No_planted_value_appears_in_the_log_of_the_run()
    {
        var log = await run.ReadLogAsync();

        // The log holds the run's requests at debug level (else the test would pass vacuously).
        Assert.Contains("/api/v1/events/batch", log, StringComparison.Ordinal);
        Assert.Contains("/api/v1/customers/eu-central/lookup", log, StringComparison.Ordinal);
        foreach (var secret in run.Secrets.Append(Uri.EscapeDataString(run.Email)).Append(Uri.EscapeDataString(run.Phone)))
        {
            Assert.False(log.Contains(secret, StringComparison.OrdinalIgnoreCase), $"log contains '{secret}'");
        }
    }
}

/// <summary>Tests in this collection run after the parallel ones, with no other test server alive.</summary>
[CollectionDefinition(nameof(RunsAlone), DisableParallelization = true)]
public sealed class RunsAlone;
