using CemOnPrem.Contracts.Problems;
using System.Globalization;
using CemOnPrem.Audit.Chain;
using CemOnPrem.Audit.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace CemOnPrem.Audit.Http;

/// <summary>
/// Records a 401/403 <b>before</b> its body is written. When the record cannot be committed the denial is
/// not sent: the caller gets 503 problem+json with Retry-After instead (fail closed, and the retry is recorded).
/// Only if another component already started the response is it aborted, the one thing left to do.
/// </summary>
public static class AuditDenials
{

    /// <returns>True when the denial is recorded (now or before) and may be written; false when 503 was answered instead.</returns>
    public static async Task<bool> RecordBeforeWritingAsync(HttpContext context, int status)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.ContainsKey(AuditRequestInfo.RecordedItem))
        {
            return true;
        }

        context.Items[AuditRequestInfo.RecordedItem] = true;
        _ = AuditRequestInfo.TryPurpose(context, out var purpose);
        try
        {
            await context.RequestServices.GetRequiredService<IAuditTrail>().RecordAsync(
                new AuditEntry(AuditActions.AccessDenied, AuditRequestInfo.Resource(context), AuditOutcome.Denied)
                {
                    Region = AuditRequestInfo.Region(context),
                    Purpose = purpose,
                    Detail = "status=" + status.ToString(CultureInfo.InvariantCulture),
                }).ConfigureAwait(false);
            return true;
        }
        catch (AuditUnavailableException)
        {
            await AnswerUnavailableAsync(context).ConfigureAwait(false);
            return false;
        }
    }

    /// <summary>503 + Retry-After problem, replacing whatever status and headers (WWW-Authenticate) the denial had set.</summary>
    public static async Task AnswerUnavailableAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Response.HasStarted)
        {
            context.Abort();
            return;
        }

        context.Response.Clear();
        context.Response.Headers.RetryAfter = "2";
        await TypedResults.Problem(new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Type = ProblemTypes.AuditUnavailable,
            Title = "Audit trail unavailable.",
            Detail = "The audit record of this request could not be committed, so the request was refused. Retry shortly.",
        }).ExecuteAsync(context).ConfigureAwait(false);
    }
}
