using CemOnPrem.Sdk.Journeys;
using CemOnPrem.Sdk.Rules;

namespace CemOnPrem.Cases.Clocks;

/// <summary>
/// Plans a case's clocks in the business time of its region's working calendar (docs/cases.md, "Case clocks: SLA and regulatory"): due and
/// warning instants when a case opens, new ones when a paused clock resumes, and the business time left.
/// </summary>
public interface ICaseClocks
{
    Task<CaseClockPlan> PlanAsync(string region, CaseClockRules rules, DateTimeOffset start, CancellationToken cancellationToken);

    /// <summary>The clock after a pause from <paramref name="pausedAt"/> to <paramref name="resumedAt"/>: due and warning move by the business time the pause took.</summary>
    Task<CaseClock> ResumeAsync(string region, CaseClock clock, DateTimeOffset pausedAt, DateTimeOffset resumedAt, CancellationToken cancellationToken);

    /// <summary>Business time from <paramref name="now"/> to <paramref name="due"/> (negative when overdue), in the clock's unit.</summary>
    Task<BusinessTimeLeft> RemainingAsync(string region, SlaUnit unit, DateTimeOffset now, DateTimeOffset due, CancellationToken cancellationToken);
}

/// <summary>What a case's clocks follow: the rule's SLA and regulatory clock, with their pause rules.</summary>
public sealed record CaseClockRules(Sla Sla, bool SlaPausable, RegulatoryClock? Regulatory);

/// <summary>One clock: due and warning instants (warning at the configured share of the time), whether it pauses.</summary>
public sealed record CaseClock(string Name, SlaUnit Unit, DateTimeOffset DueAt, DateTimeOffset WarnAt, bool Pausable);

/// <summary>The internal SLA clock and, where the rule carries one, the regulatory clock.</summary>
public sealed record CaseClockPlan(CaseClock Sla, CaseClock? Regulatory);

/// <summary>Business time left; <see cref="Amount"/> is negative when overdue. <see cref="Calendar"/> says which calendar counted it.</summary>
public sealed record BusinessTimeLeft(double Amount, SlaUnit Unit, string Calendar);
