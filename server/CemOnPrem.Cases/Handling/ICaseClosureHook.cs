namespace CemOnPrem.Cases.Handling;

/// <summary>
/// Called once after a case was closed (its transaction committed), with non-personal facts only: how the loop was
/// closed with the customer. The survey capability registers one to send a follow-up survey; it applies its own
/// consent checks. A hook that throws is logged and does not undo the closure (the history keeps the record).
/// Register with <c>services.AddSingleton&lt;ICaseClosureHook, …&gt;()</c>; hooks run one after another.
/// </summary>
public interface ICaseClosureHook
{
    Task CaseClosedAsync(CaseClosure closure, CancellationToken cancellationToken);
}

/// <summary>
/// A closed case: what it was about and how it was resolved. <see cref="CustomerId"/> is the random customer id (no
/// identity value) and null for cases without a customer; <see cref="ResolutionChannel"/> and
/// <see cref="ResolutionOutcome"/> are the codes recorded at resolution (the free-text summary is never passed on).
/// </summary>
public sealed record CaseClosure(
    string Region, string CaseId, string CaseType, string? PackId, string? RuleId, string? CustomerId, string? OrgUnit, string QueueUnit,
    DateTimeOffset OpenedAt, DateTimeOffset? ResolvedAt, DateTimeOffset ClosedAt, string? ResolutionChannel, string? ResolutionOutcome,
    string? RootCauseCode, int ReopenedCount);
