namespace CemOnPrem.Analytics.Queries;

/// <summary>Time spent in a stage before moving on, in hours; percentiles from 10 %-wide buckets (within ±5 %), mean exact.</summary>
public sealed record TimeInStage(string Stage, long? N, double? P50Hours, double? P90Hours, double? MeanHours, bool Suppressed);
