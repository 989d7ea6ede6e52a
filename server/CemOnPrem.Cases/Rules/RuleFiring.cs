namespace CemOnPrem.Cases.Rules;

/// <summary>
/// One firing of a rule: what fired it (<see cref="OriginKey"/>, stable across re-derivations, so a case is opened
/// once per firing), for whom, where, and when it fired (the clocks start then: a complaint's regulatory clock runs
/// from receipt, not from when a node noticed it).
/// </summary>
public sealed record RuleFiring(PackRule Rule, string OriginKey, string? CustomerId, string? OrgUnit, DateTimeOffset FiredAt, IReadOnlyList<long> TriggerEvents);
