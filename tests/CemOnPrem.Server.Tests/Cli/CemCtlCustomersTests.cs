extern alias cemctl;

using System.Net;
using System.Text.Json.Nodes;
using cemctl::CemOnPrem.Cli;
using CemOnPrem.Server.Tests.Support;
using CemOnPrem.Storage.Databases;
using CemOnPrem.Storage.Encryption;
using Dapper;
using Npgsql;

namespace CemOnPrem.Server.Tests.Cli;

/// <summary>
/// <c>cemctl customers check-identities</c> finds customers stitched on a junk identity before the identity rules
/// existed, and prints ids and types only.
/// </summary>
public sealed class CemCtlCustomersTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly Events _events = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private string KeyDirectory => Path.Combine(server.Factory.DataDirectory, "keys");

    [Fact]
    public async Task Check_identities_finds_a_junk_merge_made_before_the_rules_and_prints_no_personal_data()
    {
        var ann = await PostAsync(_events.Account(1), $"ann.{_events.Tag}@example.org");
        var bob = await PostAsync(_events.Account(2), $"bob.{_events.Tag}@example.org");
        await PlantJunkMergeAsync(survivor: ann, loser: bob, junkPhone: "+");

        var (code, output, error) = await RunAsync("customers", "check-identities", "--region", ServerDatabases.Eu, "--page-size", "2", "--control-db", server.Databases.Control);

        Assert.Equal((cemctl::CemOnPrem.Cli.Customers.IdentityCheckRun.Found, ""), (code, error));
        var line = Assert.Single(output.Split('\n'), l => l.StartsWith(ann, StringComparison.Ordinal));
        Assert.Contains("unusable: phone", line, StringComparison.Ordinal);
        Assert.Contains("identities: 5", line, StringComparison.Ordinal);
        Assert.Contains("merged in: 1", line, StringComparison.Ordinal);
        Assert.DoesNotContain(bob, output, StringComparison.Ordinal);
        foreach (var personal in new[] { _events.Account(1), _events.Account(2), "example.org", "+" })
        {
            Assert.DoesNotContain(personal, output, StringComparison.Ordinal);
        }

        await using var control = new NpgsqlConnection(server.Databases.Control);
        var details = (await control.QueryAsync<string>(
            "select detail from audit_records where action = 'customer.identity-check' and region = 'eu-central' order by sequence")).ToList();
        Assert.Equal("started", details[^2]);
        Assert.Contains("customers hold unusable identities", details[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_identities_without_the_control_database_reads_nothing_and_names_the_option()
    {
        var (code, output, error) = await RunAsync("customers", "check-identities", "--region", ServerDatabases.Eu);

        Assert.Equal((1, ""), (code, output));
        Assert.Contains("--control-db", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_identities_without_a_region_database_fails_naming_the_option()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await CemCtl.RunAsync(["customers", "check-identities", "--region", "nowhere", "--key-dir", KeyDirectory], output, error);

        Assert.Equal(1, code);
        Assert.Contains("--region-db", error.ToString(), StringComparison.Ordinal);
    }

    private async Task<string> PostAsync(string account, string email)
    {
        var e = _events.Feedback(account: account);
        ((JsonArray)e["customer"]!).Add(new JsonObject { ["type"] = "email", ["value"] = email });
        var response = await server.Client.PostAsync("/api/v1/events", Events.Json(e), Cancellation);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await Events.ReadJsonAsync(response)).GetProperty("customerId").GetString()!;
    }

    /// <summary>What the old normalisation let happen: a junk phone stored for one customer and a stranger merged in on it.</summary>
    private async Task PlantJunkMergeAsync(string survivor, string loser, string junkPhone)
    {
        await using var regions = new RegionDatabases(new Dictionary<string, string> { [ServerDatabases.Eu] = server.Databases.Regions[ServerDatabases.Eu] });
        var protection = new FieldProtection(regions, new FileKeyEncryptionKeyProvider(KeyDirectory), new PersonalDataOptions());
        await using var connection = new NpgsqlConnection(server.Databases.Regions[ServerDatabases.Eu]);
        var envelope = await connection.QueryFirstAsync<byte[]>("select id_value from customer_identities where customer_id = @survivor", new { survivor });
        var key = (await protection.KeysForAsync(ServerDatabases.Eu, [envelope], Cancellation)).Values.Single();
        var index = FieldProtection.BlindIndex(await protection.IndexKeyAsync(ServerDatabases.Eu, Cancellation), "phone", junkPhone);
        await connection.ExecuteAsync(
            """
            insert into customer_identities (id_type, id_index, id_value, customer_id, region, first_seen_at)
            values ('phone', @index, @value, @survivor, 'eu-central', now())
            on conflict (id_type, id_index) do update set id_value = excluded.id_value, customer_id = excluded.customer_id;
            update customer_identities set customer_id = @survivor where customer_id = @loser;
            update customer_keys set customer_id = @survivor where customer_id = @loser;
            update events set customer_id = @survivor where customer_id = @loser;
            update customers set merged_into = @survivor where customer_id = @loser;
            """,
            new { index, value = FieldCipher.EncryptText(key, PersonalFields.IdentityBinding("phone", index), junkPhone), survivor, loser });
    }

    private async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CemCtl.RunAsync([.. args, "--region-db", server.Databases.Regions[ServerDatabases.Eu], "--key-dir", KeyDirectory], output, error);
        return (code, output.ToString(), error.ToString());
    }
}
