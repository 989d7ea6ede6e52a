using CemOnPrem.Audit.Records;
using CemOnPrem.Audit.Tests.Support;
using CemOnPrem.Testing.Postgres;

namespace CemOnPrem.Audit.Tests.Http;

/// <summary>A server whose packs folder holds one unsigned pack: the host refuses it at start, and the trail says so once.</summary>
public sealed class PackDecisionTests(PackDecisionTests.UnsignedPackServer server) : IClassFixture<PackDecisionTests.UnsignedPackServer>
{
    [Fact]
    public async Task A_refused_pack_is_recorded_once_by_the_system_with_the_reason()
    {
        var records = (await server.RecordsAfterAsync(0)).Where(record => record.Action.StartsWith("pack.", StringComparison.Ordinal)).ToList();

        var record = Assert.Single(records);
        Assert.Equal((AuditActions.PackRefused, "pack/unsigned-pack", "system", "allowed"), (record.Action, record.Resource, record.Actor, record.Outcome));
        Assert.Contains("signature", record.Detail, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The server with a packs folder holding one folder that carries no signature.</summary>
    public sealed class UnsignedPackServer(PostgresServer postgres) : AuditServerFixture(postgres)
    {
        protected override IReadOnlyDictionary<string, string?>? Settings(string dataDirectory)
        {
            var pack = Path.Combine(dataDirectory, "packs", "unsigned-pack");
            Directory.CreateDirectory(pack);
            File.WriteAllText(Path.Combine(pack, "pack.json"), """{"id":"com.example.unsigned","version":"1.0.0"}""");
            return new Dictionary<string, string?> { ["Cem:Packs:Directory"] = Path.Combine(dataDirectory, "packs") };
        }
    }
}
