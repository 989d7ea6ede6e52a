using System.Text.Json;
using CemOnPrem.Audit.Checkpoints;
using CemOnPrem.Audit.Records;
using CemOnPrem.Audit.Verification;
using CemOnPrem.Storage.Databases;
using Microsoft.AspNetCore.Http;

namespace CemOnPrem.Audit.Http;

/// <summary>
/// <c>GET /api/v1/audit/verify</c>: streams NDJSON — <c>{"verified": n}</c> every
/// <see cref="AuditChainVerifier.ProgressEvery"/> records, then one result line
/// <c>{"intact": …, "verifiedUpTo": …, "brokenAt": …, "reason": …, "summary": …}</c>.
/// </summary>
internal static class AuditVerifyEndpoint
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task VerifyAsync(HttpContext context, ControlDatabase control, AuditSigningKey key, IAuditTrail trail)
    {
        // Recorded first: if the trail cannot record, nothing is read (fail closed).
        await trail.RecordAsync(new AuditEntry(AuditActions.AuditVerify, AuditRequestInfo.Resource(context), AuditOutcome.Allowed)).ConfigureAwait(false);
        context.Items[AuditRequestInfo.RecordedItem] = true;
        context.Response.ContentType = "application/x-ndjson";
        var cancellation = context.RequestAborted;
        var result = await AuditChainVerifier.VerifyAsync(control.DataSource, key.Key, null,
            verified => WriteLineAsync(context, new { verified }, cancellation), cancellation).ConfigureAwait(false);
        await WriteLineAsync(context, new
        {
            result.Intact,
            result.VerifiedUpTo,
            result.BrokenAt,
            result.Reason,
            result.CheckpointsVerified,
            result.LastCheckpoint,
            result.Summary,
        }, cancellation).ConfigureAwait(false);
    }

    private static async Task WriteLineAsync(HttpContext context, object line, CancellationToken cancellationToken)
    {
        await JsonSerializer.SerializeAsync(context.Response.Body, line, Json, cancellationToken).ConfigureAwait(false);
        await context.Response.Body.WriteAsync("\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
