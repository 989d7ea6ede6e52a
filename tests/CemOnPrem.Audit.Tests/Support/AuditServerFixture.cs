using CemOnPrem.Audit.Chain;
using CemOnPrem.Audit.Records;
using CemOnPrem.Testing.Postgres;
using Npgsql;

namespace CemOnPrem.Audit.Tests.Support;

/// <summary>One running server per test class, and helpers to read what it recorded.</summary>
public class AuditServerFixture(PostgresServer postgres) : IAsyncLifetime
{
    public const string Eu = "eu-central";
    public const string Cn = "cn-east";

    private AuditServerFactory? _factory;

    public AuditServerFactory Factory => _factory ?? throw new InvalidOperationException("Not initialised.");

    public PostgresServer Postgres => postgres;

    public async ValueTask InitializeAsync()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "cem-audit-test-" + Guid.NewGuid().ToString("N")[..10]);
        _factory = new AuditServerFactory(await postgres.CreateDatabaseAsync("audit_srv_control"), new Dictionary<string, string>
        {
            [Eu] = await postgres.CreateDatabaseAsync("audit_srv_eu"),
            [Cn] = await postgres.CreateDatabaseAsync("audit_srv_cn"),
        }, dataDirectory, Settings(dataDirectory));
        // Starts the server (migrations, silo, packs) before the first test.
        using var client = _factory.CreateClient();
    }

    /// <summary>Extra server settings of a derived fixture.</summary>
    protected virtual IReadOnlyDictionary<string, string?>? Settings(string dataDirectory) => null;

    /// <summary>A client acting as <paramref name="user"/> with <paramref name="roles"/> (null user: anonymous).</summary>
    public HttpClient Client(string? user = null, params string[] roles)
    {
        var client = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (user is not null)
        {
            client.DefaultRequestHeaders.Add("X-Test-User", user);
            client.DefaultRequestHeaders.Add("X-Test-Roles", string.Join(',', roles));
            client.DefaultRequestHeaders.Add("X-Cem-Purpose", "case-handling");
        }

        return client;
    }

    /// <summary>A channel (machine) client, as identity's client-credentials tokens present it: may ingest.</summary>
    public HttpClient Channel(string clientId = "test-channel")
    {
        var client = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Test-Client", clientId);
        return client;
    }

    public async Task<long> HeadAsync()
    {
        await using var connection = new NpgsqlConnection(Factory.ControlConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("select coalesce(max(sequence), 0) from audit_records", connection);
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    /// <summary>The records appended after sequence <paramref name="after"/>, in order.</summary>
    public async Task<IReadOnlyList<AuditRecord>> RecordsAfterAsync(long after)
    {
        var records = new List<AuditRecord>();
        await using var connection = new NpgsqlConnection(Factory.ControlConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand($"select {AuditRecordColumns.List} from audit_records where sequence > @after order by sequence", connection);
        command.Parameters.AddWithValue("after", after);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            records.Add(AuditRecordColumns.Read(reader));
        }

        return records;
    }

    /// <summary>Runs SQL on the control database as the superuser.</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Factory.ControlConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
            if (Directory.Exists(_factory.DataDirectory))
            {
                Directory.Delete(_factory.DataDirectory, recursive: true);
            }
        }

        GC.SuppressFinalize(this);
    }
}
