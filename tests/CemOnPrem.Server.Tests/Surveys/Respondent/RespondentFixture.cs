using CemOnPrem.Server.Tests.Support;
using CemOnPrem.Testing.Postgres;

namespace CemOnPrem.Server.Tests.Surveys.Respondent;

/// <summary>One in-memory <see cref="RespondentSite"/> per test class.</summary>
public sealed class RespondentFixture(PostgresServer postgres) : IAsyncLifetime
{
    private RespondentSite? _site;

    public RespondentSite Site => _site ?? throw new InvalidOperationException("Not initialised.");

    public async ValueTask InitializeAsync() => _site = await RespondentSite.StartAsync(postgres, kestrel: false, (databases, settings) => new CemServerFactory(databases, settings));

    public async ValueTask DisposeAsync()
    {
        if (_site is not null)
        {
            await _site.DisposeAsync();
        }
    }
}
