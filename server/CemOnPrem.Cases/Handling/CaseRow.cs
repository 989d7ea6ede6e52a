namespace CemOnPrem.Cases.Handling;

/// <summary>A <c>cases</c> row as read by <see cref="CaseRows"/> (column aliases match these names).</summary>
internal sealed record CaseRow
{
    public required string CaseId { get; init; }
    public required string Region { get; init; }
    public required string Origin { get; init; }
    public string? PackId { get; init; }
    public string? RuleId { get; init; }
    public required string CaseType { get; init; }
    public string? CustomerId { get; init; }
    public string? OrgUnit { get; init; }
    public required string QueueUnit { get; init; }
    public string? RouteReason { get; init; }
    public short Priority { get; init; }
    public required string State { get; init; }
    public string? Assignee { get; init; }
    public long[] TriggerEvents { get; init; } = [];
    public DateTimeOffset OpenedAt { get; init; }
    public required string OpenedBy { get; init; }
    public DateTimeOffset? FirstResponseAt { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public int ReopenedCount { get; init; }
    public string? RootCauseCode { get; init; }
    public byte[]? RootCauseText { get; init; }
    public string? Resolution { get; init; }
    public required string SlaUnit { get; init; }
    public DateTimeOffset SlaDueAt { get; init; }
    public DateTimeOffset SlaWarnAt { get; init; }
    public bool SlaPausable { get; init; }
    public string? RegName { get; init; }
    public string? RegUnit { get; init; }
    public DateTimeOffset? RegDueAt { get; init; }
    public DateTimeOffset? RegWarnAt { get; init; }
    public bool RegPausable { get; init; }
    public DateTimeOffset? PausedAt { get; init; }
    public int EscalationLevel { get; init; }
    public int Version { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Whether any of the case's clocks stops while it waits for the customer.</summary>
    public bool HasPausableClock => SlaPausable || (RegDueAt is not null && RegPausable);
}
