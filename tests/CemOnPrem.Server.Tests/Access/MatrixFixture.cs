using CemOnPrem.Identity.Authorization;
using CemOnPrem.Server.Tests.Support;
using CemOnPrem.Testing.Postgres;

namespace CemOnPrem.Server.Tests.Access;

/// <summary>
/// One server with the test org tree, one target customer (eu-central, north-01), and every caller of the matrix:
/// each role and a channel client, each in four scopes (org north or south × region eu-central or cn-east), and nobody.
/// </summary>
public sealed class MatrixFixture(PostgresServer postgres) : IAsyncLifetime
{
    private readonly List<MatrixCaller> _callers = [];

    public CemServerFactory Server { get; private set; } = null!;

    public MatrixTarget Target { get; private set; } = null!;

    public IReadOnlyList<MatrixCaller> Callers => _callers;

    public async ValueTask InitializeAsync()
    {
        Server = new CemServerFactory(await ServerDatabases.CreateAsync(postgres));
        using var trusted = await Server.CreateTrustedClientAsync();
        var events = new Events();
        var account = events.Account(1);
        var first = new MatrixTarget(ServerDatabases.Eu, "", account, events).Event();
        var receipt = await Events.ReadJsonAsync(await trusted.PostAsync("/api/v1/events", Events.Json(first), TestContext.Current.CancellationToken));
        Target = new MatrixTarget(ServerDatabases.Eu, receipt.GetProperty("customerId").GetString()!, account, events);
        Target = Target with { CaseId = await Cases.Handling.CaseRequests.OpenAsync(trusted, Target.Region, MatrixTarget.OrgUnit, Target.CustomerId) };

        _callers.Add(new MatrixCaller(CallerKind.Anonymous, null, false, false, Server.CreateClient()));
        foreach (var (orgIn, regionIn) in new[] { (true, true), (false, true), (true, false), (false, false) })
        {
            string[] orgUnits = [orgIn ? "north" : "south"];
            string[] regions = [regionIn ? ServerDatabases.Eu : ServerDatabases.Cn];
            foreach (var role in CemRoles.All)
            {
                _callers.Add(new MatrixCaller(CallerKind.Person, role, orgIn, regionIn, await Server.CreateClientAsAsync(role, orgUnits, regions)));
            }

            _callers.Add(new MatrixCaller(CallerKind.Channel, null, orgIn, regionIn, await Server.CreateIngestClientAsync(regions, orgUnits)));
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var caller in _callers)
        {
            caller.Http.Dispose();
        }

        await Server.DisposeAsync();
    }
}
