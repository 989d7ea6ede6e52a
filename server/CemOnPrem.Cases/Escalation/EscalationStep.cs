namespace CemOnPrem.Cases.Escalation;

/// <summary>Where a breached case goes: from its queue unit to <see cref="To"/> (the same unit at the root), and why.</summary>
public sealed record EscalationStep(string From, string To, string Reason)
{
    public bool Moved => !string.Equals(From, To, StringComparison.Ordinal);
}
