using Microsoft.AspNetCore.Http;

namespace CemOnPrem.Audit.Http;

/// <summary>For handlers that record their request themselves (the login page): no second, generic record.</summary>
public static class AuditedRequests
{
    /// <summary>Tells the denial middleware that this request's 401/403 is already in the trail.</summary>
    public static void MarkRecorded(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[AuditRequestInfo.RecordedItem] = true;
    }
}
