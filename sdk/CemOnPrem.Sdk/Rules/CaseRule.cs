using CemOnPrem.Sdk.Journeys;

namespace CemOnPrem.Sdk.Rules;

/// <summary>An alert rule: when its trigger fires, a case of <see cref="CaseType"/> is opened and routed.</summary>
public sealed record CaseRule
{
    /// <summary>Unique within the pack.</summary>
    public required string Id { get; init; }

    /// <summary>Display name per language.</summary>
    public required IReadOnlyDictionary<string, string> Name { get; init; }

    /// <summary>What fires the rule.</summary>
    public required RuleTrigger Trigger { get; init; }

    /// <summary>The kind of case opened, e.g. <c>detractor-follow-up</c>, <c>complaint</c>.</summary>
    public required string CaseType { get; init; }

    /// <summary>The org-unit level the case goes to (e.g. <c>branch</c>, <c>dealer</c>, <c>claims-team</c>), found from the event's org unit upwards.</summary>
    public required string RouteToLevel { get; init; }

    /// <summary>Time to resolve the case.</summary>
    public required Sla Sla { get; init; }

    /// <summary>A regulator's deadline the case also carries (e.g. a complaint's final response), if any.</summary>
    public RegulatoryClock? RegulatoryClock { get; init; }

    /// <summary>Priority 1 (highest) to 4.</summary>
    public int Priority { get; init; } = 3;

    /// <summary>
    /// Whether the internal SLA clock stops while the case waits for the customer (state <c>awaiting-customer</c>).
    /// Default false: the clock runs on.
    /// </summary>
    public bool PauseWhileAwaitingCustomer { get; init; }

    /// <summary>Root-cause codes a handler may record when resolving a case of this rule (empty: free text only).</summary>
    public IReadOnlyList<RootCause> RootCauses { get; init; } = [];
}

/// <summary>A root cause a handler can name when resolving a case, e.g. <c>staff-conduct</c>.</summary>
public sealed record RootCause
{
    /// <summary>Unique within the rule.</summary>
    public required string Code { get; init; }

    /// <summary>Display name per language.</summary>
    public required IReadOnlyDictionary<string, string> Name { get; init; }
}

/// <summary>A regulatory deadline, e.g. "final response within 15 business days".</summary>
public sealed record RegulatoryClock
{
    /// <summary>Name of the obligation, e.g. <c>complaint-final-response</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The deadline.</summary>
    public required Sla Deadline { get; init; }

    /// <summary>Where the obligation comes from, e.g. a regulation and article.</summary>
    public string? Reference { get; init; }

    /// <summary>Whether this clock stops while the case waits for the customer; most regulators' clocks do not (default false).</summary>
    public bool PauseWhileAwaitingCustomer { get; init; }
}
