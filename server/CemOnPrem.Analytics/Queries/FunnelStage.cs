namespace CemOnPrem.Analytics.Queries;

/// <summary>One stage: entered, moved on (completed), dropped (abandoned there), still in it; rate = completed / entered in %.</summary>
public sealed record FunnelStage(string Stage, long? Entered, long? Completed, long? Dropped, long? InProgress, double? CompletionRate, bool Suppressed);
