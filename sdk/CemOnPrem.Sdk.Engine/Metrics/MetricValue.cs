namespace CemOnPrem.Sdk.Engine.Metrics;

/// <summary>A metric's value over a group with its sample size; <see cref="Low"/>/<see cref="High"/> bound a 95 % interval where one is defined.</summary>
public sealed record MetricValue(string MetricId, double? Value, long N, double? Low = null, double? High = null);
