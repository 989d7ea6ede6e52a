namespace CemOnPrem.Cases.Notifications;

/// <summary>The answer to creating a subscription or rotating its secret: the only time a generated secret is shown (null when the caller supplied it or kept the old one).</summary>
public sealed record CreatedWebhook(WebhookSubscription Subscription, string? Secret);
