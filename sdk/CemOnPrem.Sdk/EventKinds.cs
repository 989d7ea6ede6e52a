namespace CemOnPrem.Sdk;

/// <summary>The kinds of experience event a channel can send.</summary>
public static class EventKinds
{
    /// <summary>The customer passed a touchpoint (visited a branch, submitted a claim, ...).</summary>
    public const string Touchpoint = "touchpoint";

    /// <summary>The customer gave feedback: scores and/or free text.</summary>
    public const string Feedback = "feedback";

    /// <summary>True when <paramref name="kind"/> is one of the known kinds.</summary>
    /// <param name="kind">The candidate kind.</param>
    /// <returns>Whether the kind is known.</returns>
    public static bool IsKnown(string? kind) => kind is Touchpoint or Feedback;
}
