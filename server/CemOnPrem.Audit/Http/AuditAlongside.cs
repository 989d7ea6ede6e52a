using CemOnPrem.Audit.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Audit.Http;

/// <summary>
/// For writes whose commit is the slow part (ingest): the record of the allowed request is appended
/// <b>while</b> the work commits, and the response waits for both — one commit latency instead of
/// two. If the record fails the caller still gets 503 (an idempotent retry is recorded); the record
/// states the access decision ("allowed", with a count), the commit's result is the response.
/// Requests refused before the work starts are recorded by <see cref="AuditedEndpoints.Audited{TBuilder}"/>.
/// </summary>
public static class AuditAlongside
{
    public static async Task<T> RecordAlongsideAsync<T>(this HttpContext context, string action, string detail, Task<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var record = Start(context, action, detail);
        try
        {
            return await work.ConfigureAwait(false);
        }
        finally
        {
            // A failed record wins over the work's result: the access must not look complete.
            await record.ConfigureAwait(false);
        }
    }

    public static async Task RecordAlongsideAsync(this HttpContext context, string action, string detail, Task work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var record = Start(context, action, detail);
        try
        {
            await work.ConfigureAwait(false);
        }
        finally
        {
            await record.ConfigureAwait(false);
        }
    }

    private static Task Start(HttpContext context, string action, string detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        var services = context.RequestServices;
        if (!services.GetRequiredService<IOptions<AuditOptions>>().Value.RecordIngest && action.StartsWith("ingest.", StringComparison.Ordinal))
        {
            return Task.CompletedTask;
        }

        context.Items[AuditRequestInfo.RecordedItem] = true;
        _ = AuditRequestInfo.TryPurpose(context, out var purpose);
        return services.GetRequiredService<IAuditTrail>().RecordAsync(new AuditEntry(action, AuditRequestInfo.Resource(context), AuditOutcome.Allowed)
        {
            Purpose = purpose,
            Detail = detail,
        });
    }
}
