namespace CemOnPrem.Cases.Notifications;

/// <summary>
/// The body of <c>PATCH /api/v1/admin/webhooks/{id}</c>: only the members given change. <c>rotateSecret: true</c>
/// without a <c>secret</c> generates a new one (returned once); a given <c>secret</c> replaces the old one.
/// </summary>
public sealed record WebhookUpdateBody(
    string? Name, string? Url, IReadOnlyList<string>? Events, IReadOnlyList<string>? Regions, bool? Enabled, bool? RotateSecret, string? Secret);
