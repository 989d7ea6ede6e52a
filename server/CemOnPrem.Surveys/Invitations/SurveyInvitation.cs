namespace CemOnPrem.Surveys.Invitations;

/// <summary>An invitation as the respondent page and the response store see it (a row of <c>invitations</c>).</summary>
public sealed record SurveyInvitation
{
    public required Guid InvitationId { get; init; }

    public required string Region { get; init; }

    public required string SurveyKey { get; init; }

    public required string SurveyVersion { get; init; }

    /// <summary><c>trigger</c>, <c>manual</c> or <c>anonymous</c>.</summary>
    public required string Origin { get; init; }

    /// <summary>Null for an anonymous invitation.</summary>
    public string? CustomerId { get; init; }

    public string? OrgUnit { get; init; }

    public string? Journey { get; init; }

    public string? Touchpoint { get; init; }

    /// <summary>Non-personal attributes branching may test.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();

    public required string Language { get; init; }

    public required string Channel { get; init; }

    /// <summary><c>pending</c>, <c>sent</c>, <c>suppressed</c>, <c>failed</c>, <c>expired</c> or <c>completed</c>.</summary>
    public required string Status { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>Whether the link may still be answered at <paramref name="now"/>.</summary>
    public bool IsOpen(DateTimeOffset now) => Status is "pending" or "sent" && now < ExpiresAt;
}
