namespace CemOnPrem.Cases.Routing;

/// <summary>
/// Where a case goes: the unit whose queue holds it, and, when it could not be routed to the level the rule asked for
/// (no org unit on the event, an unknown code, no unit of that level), the visible reason it sits in the root's queue.
/// </summary>
public sealed record CaseRoute(string QueueUnit, string? Reason)
{
    public bool Routed => Reason is null;
}
