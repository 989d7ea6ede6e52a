namespace CemOnPrem.Cases.Handling;

/// <summary>
/// Which state moves a person may make through <c>POST …/transitions</c> (docs/cases.md, "Handling a case"). One table,
/// nothing else: <c>new</c> ↔ <c>assigned</c> happen through assignment (<c>POST …/assign</c>), not here.
/// </summary>
public static class CaseStateMachine
{
    private static readonly Dictionary<string, string[]> Moves = new(StringComparer.Ordinal)
    {
        // Taking a new case from the queue starts work on it (the caller becomes the assignee).
        [CaseStates.New] = [CaseStates.InProgress],
        [CaseStates.Assigned] = [CaseStates.InProgress, CaseStates.Resolved],
        [CaseStates.InProgress] = [CaseStates.AwaitingCustomer, CaseStates.Resolved],
        [CaseStates.AwaitingCustomer] = [CaseStates.InProgress, CaseStates.Resolved],
        // Reopening (within Cem:Cases:ReopenDays of the resolution) puts the case back to work.
        [CaseStates.Resolved] = [CaseStates.Closed, CaseStates.InProgress],
        [CaseStates.Closed] = [CaseStates.InProgress],
    };

    /// <summary>The states <paramref name="from"/> may move to, in the table's order.</summary>
    public static IReadOnlyList<string> AllowedFrom(string from) => Moves.TryGetValue(from, out var to) ? to : [];

    public static bool IsAllowed(string from, string to) => AllowedFrom(from).Contains(to, StringComparer.Ordinal);

    public static bool IsReopen(string from, string to) => CaseStates.IsFinished(from) && to == CaseStates.InProgress;

    /// <summary>The first move of a person out of the queue (new/assigned) is the case's first response.</summary>
    public static bool IsFirstResponse(string from, string to) =>
        from is CaseStates.New or CaseStates.Assigned && to is not (CaseStates.New or CaseStates.Assigned);

    /// <summary>
    /// The reopen window: a finished case can be reopened until <paramref name="reopenDays"/> calendar days after it was
    /// resolved (the moment the customer got the answer); later, a new case is the honest record.
    /// </summary>
    public static bool MayReopen(DateTimeOffset resolvedAt, DateTimeOffset now, int reopenDays) => now <= resolvedAt.AddDays(reopenDays);
}
