namespace CemOnPrem.Cases.Handling;

/// <summary>A case's states as stored in <c>cases.state</c> and shown by the API.</summary>
public static class CaseStates
{
    public const string New = "new";
    public const string Assigned = "assigned";
    public const string InProgress = "in-progress";
    public const string AwaitingCustomer = "awaiting-customer";
    public const string Resolved = "resolved";
    public const string Closed = "closed";

    public static IReadOnlyList<string> All { get; } = [New, Assigned, InProgress, AwaitingCustomer, Resolved, Closed];

    /// <summary>A case in these states has stopped clocks and no longer counts as open.</summary>
    public static bool IsFinished(string state) => state is Resolved or Closed;
}
