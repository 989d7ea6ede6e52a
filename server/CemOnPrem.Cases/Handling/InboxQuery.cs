namespace CemOnPrem.Cases.Handling;

/// <summary>A validated inbox request: the org units to list (the caller's scope or a subtree of it) and the filters.</summary>
internal sealed record InboxQuery(
    IReadOnlyList<string> Regions, IReadOnlyList<string> Units, string? State, string? CaseType, int? Priority, bool Overdue, string? Assignee,
    string? Text, InboxCursor? After, int Limit);
