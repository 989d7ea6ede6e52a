using CemOnPrem.Server.Tests.Support;
using CemOnPrem.Testing.Postgres;

namespace CemOnPrem.Server.Tests.Identity.Federation;

/// <summary>The bank's IdP on a loopback port and a CEM server federated to it as provider <c>bank</c>.</summary>
public sealed class FederationFixture(PostgresServer postgres) : IAsyncLifetime
{
    public const string Provider = "bank";

    private BankIdp? _idp;
    private CemServerFactory? _server;

    public BankIdp Idp => _idp ?? throw new InvalidOperationException("Not initialised.");

    public CemServerFactory Server => _server ?? throw new InvalidOperationException("Not initialised.");

    public async ValueTask InitializeAsync()
    {
        _idp = await BankIdp.StartAsync(await postgres.CreateDatabaseAsync("bank_idp"), new Uri("http://localhost/callback/login/" + Provider));
        var settings = new Dictionary<string, string?>
        {
            [$"Cem:Identity:Federation:{Provider}:DisplayName"] = "Bank Login",
            [$"Cem:Identity:Federation:{Provider}:Issuer"] = _idp.Issuer.AbsoluteUri,
            [$"Cem:Identity:Federation:{Provider}:ClientId"] = BankIdp.ClientId,
            [$"Cem:Identity:Federation:{Provider}:ClientSecret"] = BankIdp.ClientSecret,
            [$"Cem:Identity:Federation:{Provider}:Scopes:0"] = "profile",
            [$"Cem:Identity:Federation:{Provider}:Scopes:1"] = "email",
            [$"Cem:Identity:Federation:{Provider}:Scopes:2"] = "groups",
            [$"Cem:Identity:Federation:{Provider}:GroupClaim"] = "groups",
            [$"Cem:Identity:Federation:{Provider}:RoleMap:CEM-Agents-North"] = "agent",
            [$"Cem:Identity:Federation:{Provider}:RoleMap:CEM-Admins"] = "admin",
            [$"Cem:Identity:Federation:{Provider}:ScopeMap:CEM-Agents-North:OrgUnits:0"] = "north",
            [$"Cem:Identity:Federation:{Provider}:ScopeMap:CEM-Agents-North:Regions:0"] = ServerDatabases.Eu,
            [$"Cem:Identity:Federation:{Provider}:AllowedEmailDomains:0"] = "bank.example",
            [$"Cem:Identity:Federation:{Provider}:ScopeMap:CEM-Admins:OrgUnits:0"] = "hq",
            [$"Cem:Identity:Federation:{Provider}:ScopeMap:CEM-Admins:Regions:0"] = ServerDatabases.Eu,
            [$"Cem:Identity:Federation:{Provider}:RequireMfaClaim:0"] = "mfa",
            [$"Cem:Identity:Federation:{Provider}:RequireMfaClaim:1"] = "otp",
            [$"Cem:Identity:Federation:{Provider}:CreateUsers"] = "true",
        };
        _server = new CemServerFactory(await ServerDatabases.CreateAsync(postgres), settings);
        using var start = _server.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_idp is not null)
        {
            await _idp.DisposeAsync();
        }
    }
}
