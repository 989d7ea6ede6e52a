using CemOnPrem.Cases.Clocks;

namespace CemOnPrem.Cases.Opening;

/// <summary>
/// A case about to be opened, routed and with its clocks planned. <see cref="OriginKey"/> names the rule firing
/// (null for a manual case): a second insert with the same key is a no-op, which is what makes rule firings exactly once.
/// </summary>
public sealed record NewCase
{
    public required string CaseId { get; init; }

    public required string Region { get; init; }

    /// <summary><c>rule</c> or <c>manual</c>.</summary>
    public required string Origin { get; init; }

    public string? OriginKey { get; init; }

    public string? PackId { get; init; }

    public string? RuleId { get; init; }

    public required string CaseType { get; init; }

    public string? CustomerId { get; init; }

    public string? OrgUnit { get; init; }

    public required string QueueUnit { get; init; }

    public string? RouteLevel { get; init; }

    public string? RouteReason { get; init; }

    public required int Priority { get; init; }

    public IReadOnlyList<long> TriggerEvents { get; init; } = [];

    public required DateTimeOffset OpenedAt { get; init; }

    /// <summary>The rule (<c>rule:{pack}/{rule}</c>) or the agent's subject.</summary>
    public required string OpenedBy { get; init; }

    public required CaseClockPlan Clocks { get; init; }

    /// <summary>A new case id: time-ordered (UUID v7), so ids sort by opening time.</summary>
    public static string NewId() => "case-" + Guid.CreateVersion7().ToString("N");
}
