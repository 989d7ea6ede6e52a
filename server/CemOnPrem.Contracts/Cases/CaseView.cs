namespace CemOnPrem.Contracts.Cases;

/// <summary>
/// One case as the API shows it. <see cref="CustomerId"/> and the personal texts are filled by the grain; the API
/// withholds them from callers without the <c>case-handling</c> purpose. <see cref="Version"/> is the ETag.
/// </summary>
[GenerateSerializer, Immutable, Alias("cem.case-view")]
public sealed record CaseView
{
    [Id(0)] public required string Region { get; init; }
    [Id(1)] public required string CaseId { get; init; }
    [Id(2)] public required string Origin { get; init; }
    [Id(3)] public string? PackId { get; init; }
    [Id(4)] public string? RuleId { get; init; }
    [Id(5)] public required string CaseType { get; init; }
    [Id(6)] public string? CustomerId { get; init; }
    [Id(7)] public string? OrgUnit { get; init; }
    [Id(8)] public required string QueueUnit { get; init; }
    [Id(9)] public string? RouteReason { get; init; }
    [Id(10)] public required int Priority { get; init; }
    [Id(11)] public required string State { get; init; }
    [Id(12)] public string? Assignee { get; init; }
    [Id(13)] public IReadOnlyList<long> TriggerEvents { get; init; } = [];
    [Id(14)] public required DateTimeOffset OpenedAt { get; init; }
    [Id(15)] public required string OpenedBy { get; init; }
    [Id(16)] public DateTimeOffset? FirstResponseAt { get; init; }
    [Id(17)] public DateTimeOffset? ResolvedAt { get; init; }
    [Id(18)] public DateTimeOffset? ClosedAt { get; init; }
    [Id(19)] public int ReopenedCount { get; init; }
    [Id(20)] public string? RootCauseCode { get; init; }
    [Id(21)] public string? RootCauseText { get; init; }
    [Id(22)] public CaseResolution? Resolution { get; init; }
    [Id(23)] public IReadOnlyList<CaseClockView> Clocks { get; init; } = [];
    [Id(24)] public DateTimeOffset? PausedAt { get; init; }
    [Id(25)] public int EscalationLevel { get; init; }
    [Id(26)] public required int Version { get; init; }
    [Id(27)] public required DateTimeOffset UpdatedAt { get; init; }
    [Id(28)] public IReadOnlyList<CaseHistoryView> History { get; init; } = [];
    [Id(29)] public IReadOnlyList<string> AllowedTransitions { get; init; } = [];
}

/// <summary>A clock: due and warning instants and the business time left (negative: overdue) by the region's calendar.</summary>
[GenerateSerializer, Immutable, Alias("cem.case-clock-view")]
public sealed record CaseClockView(
    [property: Id(0)] string Kind,
    [property: Id(1)] string Name,
    [property: Id(2)] string Unit,
    [property: Id(3)] DateTimeOffset DueAt,
    [property: Id(4)] DateTimeOffset WarnAt,
    [property: Id(5)] bool Pausable,
    [property: Id(6)] bool Running,
    [property: Id(7)] double Remaining,
    [property: Id(8)] string Calendar);

/// <summary>One history entry; <see cref="Text"/> is a note's text (personal, decrypted only when asked for).</summary>
[GenerateSerializer, Immutable, Alias("cem.case-history-view")]
public sealed record CaseHistoryView(
    [property: Id(0)] long EntryId,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Actor,
    [property: Id(3)] string Action,
    [property: Id(4)] string? FromState,
    [property: Id(5)] string? ToState,
    [property: Id(6)] string Detail,
    [property: Id(7)] string? Text);
