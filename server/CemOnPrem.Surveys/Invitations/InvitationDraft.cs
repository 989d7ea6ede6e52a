namespace CemOnPrem.Surveys.Invitations;

/// <summary>An invitation about to be written: from a trigger decision, by hand or for a case's follow-up.</summary>
public sealed record InvitationDraft
{
    public required string Region { get; init; }

    public required string SurveyKey { get; init; }

    public required string SurveyVersion { get; init; }

    /// <summary><c>trigger</c> or <c>manual</c>.</summary>
    public required string Origin { get; init; }

    /// <summary>The trigger decision carried out (<c>{pack}/{survey}/{cause}</c>); null for a manual one.</summary>
    public string? DecisionKey { get; init; }

    public string? CustomerId { get; init; }

    public string? OrgUnit { get; init; }

    public string? Journey { get; init; }

    public string? Touchpoint { get; init; }

    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();

    public required string Language { get; init; }

    /// <summary><c>link</c>, <c>email</c> or <c>webhook</c>.</summary>
    public required string Channel { get; init; }

    public required string CreatedBy { get; init; }

    public required DateTimeOffset SendAfter { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>An admin's explicit choice to skip the frequency cap (manual invitations only).</summary>
    public bool IgnoreFrequencyCap { get; init; }

    /// <summary>Set when the invitation is already refused (e.g. its survey is no longer published): written as suppressed with this reason.</summary>
    public string? SuppressedReason { get; init; }
}
