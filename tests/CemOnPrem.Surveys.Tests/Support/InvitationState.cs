namespace CemOnPrem.Surveys.Tests.Support;

/// <summary>An invitation with its outbox row, as a test checks them.</summary>
public sealed class InvitationState
{
    public const string Select =
        """
        select i.invitation_id as Id, i.status, i.reason, i.channel, i.language, i.attributes::text as Attributes, i.send_after as SendAfter,
               i.sent_at as SentAt, i.delivered_at as DeliveredAt, i.expires_at as ExpiresAt, o.state as OutboxState, o.link as Link,
               o.attempts as Attempts, o.last_error as LastError
        from invitations i left join survey_outbox o on o.invitation_id = i.invitation_id
        """;

    public Guid Id { get; set; }
    public string Status { get; set; } = "";
    public string? Reason { get; set; }
    public string Channel { get; set; } = "";
    public string Language { get; set; } = "";
    public string Attributes { get; set; } = "";
    public DateTime SendAfter { get; set; }
    public DateTime? SentAt { get; set; }
    public DateTime? DeliveredAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public string? OutboxState { get; set; }
    public string? Link { get; set; }
    public int? Attempts { get; set; }
    public string? LastError { get; set; }
}
