using CemOnPrem.Contracts.Problems;
using System.Globalization;
using CemOnPrem.Audit.Records;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Audit.Http;

/// <summary>
/// <c>.Audited(AuditActions.X)</c> on an endpoint: exactly one record per request, committed
/// <b>before</b> the response is written — if it cannot be committed the client gets 503 and never
/// the data (fail closed). The outcome follows the status: &lt;400 allowed, 401/403 denied, else failed.
/// </summary>
public static class AuditedEndpoints
{
    /// <param name="subject">Names the customer the request touched, from the request or from the result's value.</param>
    /// <param name="resource">
    /// Names what a <b>successful</b> request acted on (<c>pack/{id}</c>); failures keep the route template, so a
    /// typed-in value that matched nothing is never stored. Never return personal data here.
    /// </param>
    public static TBuilder Audited<TBuilder>(this TBuilder builder, string action,
        Func<HttpContext, object?, AuditSubject?>? subject = null, Func<HttpContext, string>? resource = null)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddEndpointFilterFactory((factory, next) =>
            factory.ApplicationServices.GetRequiredService<IOptions<AuditOptions>>().Value.RecordIngest || !IsIngest(action)
                ? invocation => AuditAsync(invocation, next, action, subject, resource)
                : next);
        return builder;
    }

    private static bool IsIngest(string action) => action.StartsWith("ingest.", StringComparison.Ordinal);

    private static async ValueTask<object?> AuditAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next, string action,
        Func<HttpContext, object?, AuditSubject?>? subject, Func<HttpContext, string>? resource)
    {
        var context = invocation.HttpContext;
        if (!AuditRequestInfo.TryPurpose(context, out var purpose))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [AuditRequestInfo.PurposeHeader] = [AuditRequestInfo.PurposeRule] },
                type: ProblemTypes.Validation, title: "The request is invalid.");
        }

        object? result;
        try
        {
            result = await next(invocation).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not Chain.AuditUnavailableException && !context.Items.ContainsKey(AuditRequestInfo.RecordedItem))
        {
            await RecordAsync(context, action, AuditRequestInfo.Resource(context), purpose, AuditOutcome.Failed, "exception", null).ConfigureAwait(false);
            throw;
        }

        if (context.Items.ContainsKey(AuditRequestInfo.RecordedItem))
        {
            return result; // the handler recorded the request itself (AuditAlongside)
        }

        var status = StatusOf(result) ?? context.Response.StatusCode;
        var outcome = status switch
        {
            < 400 => AuditOutcome.Allowed,
            StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden => AuditOutcome.Denied,
            _ => AuditOutcome.Failed,
        };
        var succeeded = status < 400;
        var touched = succeeded ? subject?.Invoke(context, ValueOf(result)) : null;
        var target = succeeded && resource is not null ? resource(context) : AuditRequestInfo.Resource(context);
        await RecordAsync(context, action, target, purpose, outcome, "status=" + status.ToString(CultureInfo.InvariantCulture), touched).ConfigureAwait(false);
        return result;
    }

    /// <summary>The customer named by the <c>{region}</c> and <c>{customerId}</c> route values.</summary>
    public static AuditSubject? CustomerInRoute(HttpContext context, object? value)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Request.RouteValues["region"] is string region && context.Request.RouteValues["customerId"] is string customerId
            ? new AuditSubject(region, customerId)
            : null;
    }

    private static Task<AuditRecord> RecordAsync(HttpContext context, string action, string resource, string? purpose, AuditOutcome outcome, string detail, AuditSubject? subject)
    {
        context.Items[AuditRequestInfo.RecordedItem] = true;
        var trail = context.RequestServices.GetRequiredService<IAuditTrail>();
        return trail.RecordAsync(new AuditEntry(action, resource, outcome)
        {
            Subject = subject,
            Region = AuditRequestInfo.Region(context),
            Purpose = purpose,
            Detail = detail,
        });
    }

    private static int? StatusOf(object? result) => Unwrap(result) switch
    {
        IStatusCodeHttpResult { StatusCode: { } status } => status,
        // Redirects carry no status property; their status follows from how they redirect.
        RedirectHttpResult redirect => redirect.Permanent ? (redirect.PreserveMethod ? 308 : 301) : (redirect.PreserveMethod ? 307 : 302),
        _ => null,
    };

    private static object? ValueOf(object? result) => Unwrap(result) is IValueHttpResult valued ? valued.Value : null;

    private static object? Unwrap(object? result)
    {
        while (result is INestedHttpResult nested)
        {
            result = nested.Result;
        }

        return result;
    }
}
