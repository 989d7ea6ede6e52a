using Microsoft.AspNetCore.Http;

namespace CemOnPrem.Audit.Http;

/// <summary>
/// Records every 401/403 that nobody recorded yet. Identity's result handler records its denials itself before
/// writing their problem body (<see cref="AuditDenials.RecordBeforeWritingAsync"/>); this catches the rest (a
/// bare challenge, a status set without a body). If the record cannot be committed and the response has not
/// started, the caller gets 503 + Retry-After instead of the denial; a response already under way is aborted.
/// </summary>
public sealed class DenialAuditMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await next(context).ConfigureAwait(false);
        var status = context.Response.StatusCode;
        if (status is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden)
        {
            await AuditDenials.RecordBeforeWritingAsync(context, status).ConfigureAwait(false);
        }
    }
}
