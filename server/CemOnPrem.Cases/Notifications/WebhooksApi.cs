using System.Security.Claims;
using CemOnPrem.Audit.Http;
using CemOnPrem.Http.Problems;
using CemOnPrem.Http.Residency;
using CemOnPrem.Identity.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Cases.Notifications;

/// <summary><c>/api/v1/admin/webhooks</c>: subscriptions to case events and the dead letters. Role admin only; every call audited.</summary>
public static class WebhooksApi
{
    public static RouteGroupBuilder MapWebhooksApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/admin/webhooks").WithTags("Cases").RequireAuthorization(CemPolicies.Admin);
        group.MapPost("/", CreateAsync).WithName("CreateWebhook").WithSummary("Subscribe a receiver to case events; the signing secret is shown once.")
            .Audited(WebhookAuditActions.Create, resource: Resource);
        group.MapGet("/", ListAsync).WithName("ListWebhooks").WithSummary("The webhook subscriptions (never their secrets).").Audited(WebhookAuditActions.List);
        group.MapGet("/{id:guid}", GetAsync).WithName("GetWebhook").WithSummary("One webhook subscription.").Audited(WebhookAuditActions.Read, resource: Resource);
        group.MapPatch("/{id:guid}", UpdateAsync).WithName("UpdateWebhook")
            .WithSummary("Change a subscription (url, events, regions, name, enabled) or rotate its secret; a generated secret is shown once.")
            .Audited(WebhookAuditActions.Update, resource: Resource);
        group.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteWebhook").WithSummary("Remove a subscription; its pending deliveries become dead letters.")
            .Audited(WebhookAuditActions.Delete, resource: Resource);
        group.MapDeadLettersApi();
        return group;
    }

    internal static async Task<Results<Created<CreatedWebhook>, ProblemHttpResult>> CreateAsync(
        WebhookBody? body, NodeRegions node, WebhookSubscriptions subscriptions, IOptions<NotificationsOptions> options, ClaimsPrincipal user,
        HttpContext http, CancellationToken cancellationToken)
    {
        var (hook, field, error) = WebhookValidation.Validate(body, node.Configured, options.Value.AllowHttp);
        if (hook is null)
        {
            return Problem.Invalid(field!, error!);
        }

        var created = await subscriptions.CreateAsync(hook, HttpAuditActor.Of(user).Id, cancellationToken).ConfigureAwait(false);
        http.Items[ResourceItem] = "webhook/" + created.Id;
        return TypedResults.Created($"/api/v1/admin/webhooks/{created.Id}", new CreatedWebhook(created, hook.SecretGenerated ? hook.Secret : null));
    }

    internal static async Task<Ok<WebhookList>> ListAsync(WebhookSubscriptions subscriptions, CancellationToken cancellationToken) =>
        TypedResults.Ok(new WebhookList(await subscriptions.ListAsync(cancellationToken).ConfigureAwait(false)));

    internal static async Task<Results<Ok<WebhookSubscription>, ProblemHttpResult>> GetAsync(Guid id, WebhookSubscriptions subscriptions,
        CancellationToken cancellationToken) =>
        await subscriptions.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } found
            ? TypedResults.Ok(found)
            : Problem.NotFound("No such webhook subscription.");

    internal static async Task<Results<Ok<CreatedWebhook>, ProblemHttpResult>> UpdateAsync(
        Guid id, WebhookUpdateBody? body, NodeRegions node, WebhookSubscriptions subscriptions, IOptions<NotificationsOptions> options, CancellationToken cancellationToken)
    {
        if (await subscriptions.GetAsync(id, cancellationToken).ConfigureAwait(false) is not { } current)
        {
            return Problem.NotFound("No such webhook subscription.");
        }

        var (hook, enabled, rotate, field, error) = WebhookUpdate.Merge(current, body, node.Configured, options.Value.AllowHttp);
        if (hook is null)
        {
            return Problem.Invalid(field!, error!);
        }

        return await subscriptions.UpdateAsync(id, hook, enabled, rotate, cancellationToken).ConfigureAwait(false) is { } updated
            ? TypedResults.Ok(new CreatedWebhook(updated, hook.SecretGenerated ? hook.Secret : null))
            : Problem.NotFound("No such webhook subscription.");
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, WebhookSubscriptions subscriptions, CancellationToken cancellationToken) =>
        await subscriptions.DeleteAsync(id, cancellationToken).ConfigureAwait(false)
            ? TypedResults.NoContent()
            : Problem.NotFound("No such webhook subscription.");

    private const string ResourceItem = "cem.webhook.resource";

    private static string Resource(HttpContext http) =>
        http.Items[ResourceItem] as string ?? (http.GetRouteValue("id") is string id ? "webhook/" + id : "webhook");
}

public sealed record WebhookList(IReadOnlyList<WebhookSubscription> Items);
