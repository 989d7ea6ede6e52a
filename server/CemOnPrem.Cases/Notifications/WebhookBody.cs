namespace CemOnPrem.Cases.Notifications;

/// <summary>The body of <c>POST /api/v1/admin/webhooks</c>. Without a secret the server generates one (returned once).</summary>
public sealed record WebhookBody(string? Name, string? Url, IReadOnlyList<string>? Events, IReadOnlyList<string>? Regions, string? Secret);
