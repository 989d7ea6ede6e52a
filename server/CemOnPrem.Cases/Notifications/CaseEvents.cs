namespace CemOnPrem.Cases.Notifications;

/// <summary>The case events sent out (webhooks, e-mail), and which <c>case_history</c> actions they come from.</summary>
public static class CaseEvents
{
    public const string Opened = "opened";
    public const string Assigned = "assigned";
    public const string Warning = "warning";
    public const string Breached = "breached";
    public const string Escalated = "escalated";
    public const string Resolved = "resolved";
    public const string Closed = "closed";

    public static IReadOnlyList<string> All { get; } = [Opened, Assigned, Warning, Breached, Escalated, Resolved, Closed];

    public static bool IsKnown(string name) => All.Contains(name, StringComparer.Ordinal);

    /// <returns>
    /// The event a history row stands for, or null for the actions that are not sent (note, reopened, root cause…).
    /// A state change may be recorded as its own action or as <c>transition</c> with the new state: both count once.
    /// </returns>
    public static string? Of(string action, string? toState) => action switch
    {
        Opened or Assigned or Warning or Breached or Escalated or Resolved or Closed => action,
        "transition" when toState is Resolved or Closed => toState,
        _ => null,
    };
}
