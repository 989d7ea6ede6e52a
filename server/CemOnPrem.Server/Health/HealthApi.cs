using CemOnPrem.Audit.Chain;
using CemOnPrem.Http.Configuration;
using CemOnPrem.Server.Hosting;
using CemOnPrem.Contracts.Problems;
using CemOnPrem.Http.Problems;
using CemOnPrem.Storage.Databases;
using CemOnPrem.Storage.Migrations;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CemOnPrem.Server.Health;

/// <summary>
/// <c>/healthz</c>: the process is alive. <c>/readyz</c>: every database answers, its schema has all
/// embedded migrations, and the silo is active — only then should a load balancer send traffic. A degraded check
/// (the audit chain broken) shows in <c>/readyz</c> as status <c>degraded</c>, without detail, but keeps it 200: it is the same on every
/// node, and a load balancer dropping them all would turn a finding for the operator into an outage.
/// </summary>
public static class HealthApi
{
    private const string Degraded = "degraded";

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/healthz", () => TypedResults.Ok(new { status = "alive" })).WithName("Liveness").WithTags("Health").AllowAnonymous();
        routes.MapGet("/readyz", ReadyAsync).WithName("Readiness").WithTags("Health").AllowAnonymous();
        return routes;
    }

    internal static async Task<IResult> ReadyAsync(
        IOptions<CemOptions> options, ControlDatabase control, RegionDatabases regions, DatabaseStartup startup, SiloReadiness silo,
        AuditChainGuard auditChain, CancellationToken cancellationToken)
    {
        var checks = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["startup"] = startup.Completed ? "ok" : "databases not migrated yet",
            ["silo"] = silo.IsActive ? "ok" : "silo not active",
            ["control"] = await CheckSchemaAsync(control.DataSource, SchemaKind.Control, cancellationToken).ConfigureAwait(false),
        };
        foreach (var region in regions.Regions)
        {
            checks[$"region:{region}"] = await CheckSchemaAsync(regions.For(region), SchemaKind.Region, cancellationToken).ConfigureAwait(false);
        }

        // Degraded, not failing: the operator must see it, the load balancer keeps the node. /readyz is anonymous, so
        // where and why the chain broke stays in the log, the metric and the audit record.
        checks["audit-chain"] = auditChain.Current is null ? "ok" : Degraded;
        var failing = checks.Where(pair => pair.Value is not ("ok" or Degraded))
            .Select(pair => $"{pair.Key}: {pair.Value}").ToList();
        if (failing.Count == 0)
        {
            return TypedResults.Ok(new { status = checks.Values.All(value => value == "ok") ? "ready" : Degraded, checks });
        }

        var problem = Problem.Of(StatusCodes.Status503ServiceUnavailable, ProblemTypes.NotReady, "Not ready.", string.Join("; ", failing));
        problem.ProblemDetails.Extensions["checks"] = checks;
        return problem;
    }

    private static async Task<string> CheckSchemaAsync(NpgsqlDataSource dataSource, SchemaKind kind, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(timeout.Token).ConfigureAwait(false);
            var scripts = SchemaMigrator.EmbeddedScripts(kind).ToArray();
            var applied = await connection.ExecuteScalarAsync<long>(
                new CommandDefinition("select count(*) from schema_versions where scriptname = any(@scripts)", new { scripts }, cancellationToken: timeout.Token))
                .ConfigureAwait(false);
            return applied == scripts.Length ? "ok" : $"{scripts.Length - applied} migrations pending";
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            return "unreachable";
        }
    }
}
