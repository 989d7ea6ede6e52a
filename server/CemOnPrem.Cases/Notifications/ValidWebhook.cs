namespace CemOnPrem.Cases.Notifications;

/// <summary>A subscription request that passed <see cref="WebhookValidation"/>, with its secret (given or generated).</summary>
public sealed record ValidWebhook(string Name, string Url, IReadOnlyList<string> Events, IReadOnlyList<string> Regions, string Secret, bool SecretGenerated);
