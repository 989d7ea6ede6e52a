namespace CemOnPrem.Cases.Escalation;

/// <summary>What a case's clocks need from its row (R0080), and the thresholds already recorded (R0082).</summary>
public sealed record CaseClockState
{
    public required string CaseId { get; init; }

    public required string Region { get; init; }

    public required string State { get; init; }

    public required string QueueUnit { get; init; }

    public required int Priority { get; init; }

    public DateTimeOffset? PausedAt { get; init; }

    public required int ClocksVersion { get; init; }

    public required DateTimeOffset SlaDueAt { get; init; }

    public required DateTimeOffset SlaWarnAt { get; init; }

    public bool SlaPausable { get; init; }

    /// <summary>The regulatory clock's name (the rule's, e.g. <c>final-response</c>); null when the case has none.</summary>
    public string? RegName { get; init; }

    public DateTimeOffset? RegDueAt { get; init; }

    public DateTimeOffset? RegWarnAt { get; init; }

    public bool RegPausable { get; init; }

    /// <summary>Thresholds already recorded in <c>case_clock_events</c>, as (clock, kind).</summary>
    public IReadOnlySet<(string Clock, string Kind)> Recorded { get; init; } = new HashSet<(string, string)>();

    /// <summary>Resolved and closed cases run no clock.</summary>
    public bool IsFinished => State is "resolved" or "closed";
}
