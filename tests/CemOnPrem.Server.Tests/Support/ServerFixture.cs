using CemOnPrem.Testing.Postgres;

namespace CemOnPrem.Server.Tests.Support;

/// <summary>
/// One running server per test class (start-up migrates databases and starts a silo: seconds, not milliseconds).
/// <see cref="Client"/> is a trusted caller (see <see cref="Callers.CreateTrustedClientAsync"/>).
/// </summary>
public sealed class ServerFixture(PostgresServer postgres) : IAsyncLifetime
{
    private CemServerFactory? _factory;

    public CemServerFactory Factory => _factory ?? throw new InvalidOperationException("Not initialised.");

    public ServerDatabases Databases => Factory.Databases;

    public HttpClient Client { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _factory = new CemServerFactory(await ServerDatabases.CreateAsync(postgres));
        Client = await _factory.CreateTrustedClientAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }
}
