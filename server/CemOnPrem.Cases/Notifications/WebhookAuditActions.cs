namespace CemOnPrem.Cases.Notifications;

/// <summary>Audit actions of the webhook administration (category "webhook").</summary>
public static class WebhookAuditActions
{
    public const string Create = "webhook.create";
    public const string List = "webhook.list";
    public const string Read = "webhook.read";
    public const string Update = "webhook.update";
    public const string Delete = "webhook.delete";
    public const string DeadLetterList = "webhook.dead-letter-list";
    public const string DeadLetterRetry = "webhook.dead-letter-retry";
}
