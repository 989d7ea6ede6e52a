namespace CemOnPrem.Cases.Handling;

/// <summary><c>POST /api/v1/cases</c>: a case opened by an agent (e.g. from a customer's timeline).</summary>
public sealed record OpenCaseBody(string? Region, string? OrgUnit, string? CaseType, int? Priority, string? CustomerId, SlaBody? Sla);

/// <summary>An SLA in a request: <c>{"amount": 5, "unit": "business-days"}</c>.</summary>
public sealed record SlaBody(double? Amount, string? Unit);

/// <summary><c>POST …/transitions</c>; <see cref="Resolution"/> is required when <see cref="To"/> is <c>resolved</c>.</summary>
public sealed record TransitionBody(string? To, ResolutionBody? Resolution);

/// <summary>The contact made with the customer: channel and outcome are codes; the summary is personal text (encrypted).</summary>
public sealed record ResolutionBody(string? Channel, DateTimeOffset? At, string? Outcome, string? Summary);

/// <summary><c>POST …/assign</c>: a user name, or null to put the case back in its queue.</summary>
public sealed record AssignBody(string? Assignee);

public sealed record NoteBody(string? Text);

/// <summary><c>PUT …/root-cause</c>: a code the rule's pack declares, free text (encrypted), or both.</summary>
public sealed record RootCauseBody(string? Code, string? Text);
