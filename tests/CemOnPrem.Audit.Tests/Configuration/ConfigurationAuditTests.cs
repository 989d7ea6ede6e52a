using System.Security.Cryptography;
using CemOnPrem.Audit.Configuration;
using CemOnPrem.Audit.Pseudonyms;
using CemOnPrem.Audit.Records;
using CemOnPrem.Audit.Tests.Support;
using CemOnPrem.Testing.Postgres;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace CemOnPrem.Audit.Tests.Configuration;

/// <summary>
/// A start with a different effective configuration appends one <c>config.changed</c> naming the changed keys; an
/// unchanged start appends nothing; secrets (connection-string passwords, client secrets) neither count nor appear.
/// </summary>
public sealed class ConfigurationAuditTests(PostgresServer postgres)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private readonly SubjectPseudonyms _keys = new(RandomNumberGenerator.GetBytes(32));

    private static Dictionary<string, string?> Baseline() => new()
    {
        ["Cem:ControlDatabase:ConnectionString"] = "Host=pg-primary;Database=cem_control;Username=cem;Password=first-Secret-pw",
        ["Cem:Identity:Issuer"] = "https://cem.bank.example/",
        ["Cem:Identity:SigningCertificate:Path"] = "/etc/cem/identity/signing.pfx",
        ["Cem:Identity:SigningCertificate:Password"] = "pfx-Secret-1",
        ["Cem:Identity:Federation:bank:ClientSecret"] = "client-Secret-1",
        ["Cem:Audit:CheckpointIntervalSeconds"] = "60",
        ["Other:NotOurs"] = "ignored",
    };

    [Fact]
    public async Task First_start_is_recorded_and_an_unchanged_start_is_not()
    {
        await using var database = await AuditDatabase.CreateAsync(postgres);

        var first = await StartAsync(database, Baseline());
        var second = await StartAsync(database, Baseline());

        Assert.NotNull(first);
        Assert.Equal((AuditActions.ConfigChanged, "system", "allowed", "config/node/" + ConfigurationAudit.Node), (first.Action, first.Actor, first.Outcome, first.Resource));
        Assert.StartsWith("first recorded configuration of this node; keys=4; fingerprint=", first.Detail, StringComparison.Ordinal);
        Assert.Null(second);
        Assert.Equal(1, await CountAsync(database, "select count(*) from audit_records"));
    }

    [Fact]
    public async Task Changed_added_and_removed_keys_are_named_and_secret_only_changes_are_not_changes()
    {
        await using var database = await AuditDatabase.CreateAsync(postgres);
        await StartAsync(database, Baseline());

        var secretsOnly = Baseline();
        secretsOnly["Cem:ControlDatabase:ConnectionString"] = "Host=pg-primary;Database=cem_control;Username=cem;Password=second-Secret-pw";
        secretsOnly["Cem:Identity:SigningCertificate:Password"] = "pfx-Secret-2";
        secretsOnly["Cem:Identity:Federation:bank:ClientSecret"] = "client-Secret-2";
        var afterSecrets = await StartAsync(database, secretsOnly);

        var changed = Baseline();
        changed["Cem:ControlDatabase:ConnectionString"] = "Host=pg-replica;Database=cem_control;Username=cem;Password=first-Secret-pw";
        changed["Cem:Identity:Issuer"] = "https://cem2.bank.example/";
        changed.Remove("Cem:Audit:CheckpointIntervalSeconds");
        changed["Cem:Audit:RecordIngest"] = "false";
        var afterChange = await StartAsync(database, changed);

        Assert.Null(afterSecrets);
        Assert.NotNull(afterChange);
        Assert.StartsWith("changed=Cem:ControlDatabase:ConnectionString,Cem:Identity:Issuer; added=Cem:Audit:RecordIngest; removed=Cem:Audit:CheckpointIntervalSeconds; fingerprint=",
            afterChange.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_value_reaches_the_trail_or_the_snapshot()
    {
        await using var database = await AuditDatabase.CreateAsync(postgres);
        await StartAsync(database, Baseline());
        var changed = Baseline();
        changed["Cem:Identity:Issuer"] = "https://cem2.bank.example/";
        await StartAsync(database, changed);

        var stored = await TextAsync(database, "select string_agg(concat_ws('|', actor, action, resource, detail), '\n') from audit_records") +
                     await TextAsync(database, "select string_agg(entries::text, '\n') from config_snapshots");

        foreach (var value in new[] { "Secret", "pg-primary", "cem_control", "bank.example", "/etc/cem" })
        {
            Assert.DoesNotContain(value, stored, StringComparison.Ordinal);
        }

        Assert.Contains("Cem:Identity:Issuer", stored, StringComparison.Ordinal);
    }

    private async Task<AuditRecord?> StartAsync(AuditDatabase database, Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var trail = new AuditTrail(database.Appender, _keys, new HttpContextAccessor(), TimeProvider.System);
        return await new ConfigurationAudit(configuration, _keys, database.Control, trail, TimeProvider.System).RecordIfChangedAsync(Cancellation);
    }

    private static async Task<long> CountAsync(AuditDatabase database, string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(Cancellation);
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync(Cancellation))!;
    }

    private static async Task<string> TextAsync(AuditDatabase database, string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(Cancellation);
        await using var command = new NpgsqlCommand(sql, connection);
        return (await command.ExecuteScalarAsync(Cancellation)) as string ?? "";
    }
}
