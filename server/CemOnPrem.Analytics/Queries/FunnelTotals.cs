namespace CemOnPrem.Analytics.Queries;

/// <summary>Journeys started in the period (by start day) and how they ended; suppressed below the minimum group size.</summary>
public sealed record FunnelTotals(long? Started, long? Completed, long? Abandoned, double? CompletionRate, bool Suppressed);
