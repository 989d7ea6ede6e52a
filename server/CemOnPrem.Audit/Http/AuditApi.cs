using CemOnPrem.Audit.Checkpoints;
using CemOnPrem.Audit.Records;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CemOnPrem.Audit.Http;

/// <summary><c>/api/v1/audit</c>: verification, checkpoint export and compliance queries; policy <see cref="AuditPolicies.Compliance"/> only.</summary>
public static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/audit").WithTags("Audit").RequireAuthorization(AuditPolicies.Compliance);
        group.MapGet("/verify", AuditVerifyEndpoint.VerifyAsync).WithName("VerifyAuditTrail")
            .WithSummary("Walk the chain and the signed checkpoints; NDJSON progress lines, then the result.");
        group.MapGet("/checkpoints", ExportCheckpointsAsync).WithName("ExportAuditCheckpoints")
            .WithSummary("Every signed checkpoint and the public key that verifies them (JSON, for write-once storage off site).")
            .Audited(AuditActions.AuditExport);
        group.MapAuditQueries();
        return group;
    }

    internal static async Task<Ok<CheckpointExport>> ExportCheckpointsAsync(AuditCheckpointStore store, AuditSigningKey key, CancellationToken cancellationToken)
    {
        var checkpoints = await store.ListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new CheckpointExport(CheckpointSignatures.KeyIdOf(key.Key), key.Key.ExportSubjectPublicKeyInfoPem(),
            [.. checkpoints.Select(CheckpointDocument.From)]));
    }
}
