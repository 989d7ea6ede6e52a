using CemOnPrem.Audit.Records;
using Microsoft.AspNetCore.Http;

namespace CemOnPrem.Audit.Http;

/// <summary>
/// Records every 401/403 that no audited endpoint recorded itself (authentication and
/// authorization refuse before the endpoint runs). It sits outside authentication/authorization
/// and records before the problem body is written, so a denial that cannot be recorded is a 503.
/// </summary>
public sealed class DenialAuditMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, IAuditTrail trail)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(trail);
        await next(context).ConfigureAwait(false);
        var status = context.Response.StatusCode;
        if (status is not (StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden) || context.Items.ContainsKey(AuditRequestInfo.RecordedItem))
        {
            return;
        }

        context.Items[AuditRequestInfo.RecordedItem] = true;
        _ = AuditRequestInfo.TryPurpose(context, out var purpose);
        await trail.RecordAsync(new AuditEntry(AuditActions.AccessDenied, AuditRequestInfo.Resource(context), AuditOutcome.Denied)
        {
            Region = AuditRequestInfo.Region(context),
            Purpose = purpose,
            Detail = "status=" + status.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).ConfigureAwait(false);
    }
}
