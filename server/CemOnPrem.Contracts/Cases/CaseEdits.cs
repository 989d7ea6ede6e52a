namespace CemOnPrem.Contracts.Cases;

/// <summary>A move to <see cref="To"/>; <see cref="Resolution"/> is required when <see cref="To"/> is <c>resolved</c>.</summary>
[GenerateSerializer, Immutable, Alias("cem.case-transition-edit")]
public sealed record CaseTransitionEdit(
    [property: Id(0)] int ExpectedVersion,
    [property: Id(1)] string Actor,
    [property: Id(2)] string To,
    [property: Id(3)] CaseResolution? Resolution);

/// <summary>The contact made with the customer when the case was resolved; <see cref="Summary"/> is personal text (stored encrypted).</summary>
[GenerateSerializer, Immutable, Alias("cem.case-resolution")]
public sealed record CaseResolution(
    [property: Id(0)] string Channel,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Outcome,
    [property: Id(3)] string? Summary);

/// <summary><see cref="Assignee"/> null: back to the queue.</summary>
[GenerateSerializer, Immutable, Alias("cem.case-assign-edit")]
public sealed record CaseAssignEdit(
    [property: Id(0)] int ExpectedVersion,
    [property: Id(1)] string Actor,
    [property: Id(2)] string? Assignee);

[GenerateSerializer, Immutable, Alias("cem.case-note-edit")]
public sealed record CaseNoteEdit(
    [property: Id(0)] int ExpectedVersion,
    [property: Id(1)] string Actor,
    [property: Id(2)] string Text);

/// <summary>A root-cause code (checked against the rule's pack) and/or free text (personal, stored encrypted).</summary>
[GenerateSerializer, Immutable, Alias("cem.case-root-cause-edit")]
public sealed record CaseRootCauseEdit(
    [property: Id(0)] int ExpectedVersion,
    [property: Id(1)] string Actor,
    [property: Id(2)] string? Code,
    [property: Id(3)] string? Text);
