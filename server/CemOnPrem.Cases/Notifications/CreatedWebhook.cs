namespace CemOnPrem.Cases.Notifications;

/// <summary>The answer to creating a subscription: the only time its secret is shown (null when the caller supplied it).</summary>
public sealed record CreatedWebhook(WebhookSubscription Subscription, string? Secret);
