namespace CemOnPrem.Bench.Load;

/// <summary>
/// One load run. <see cref="RatePerSecond"/> null = closed loop (each connection sends its next request when
/// the previous one is answered: maximum throughput); a rate = open loop with latency counted from each
/// request's intended start, so a stalled server cannot hide its queueing (no coordinated omission).
/// </summary>
internal sealed record LoadSpec(
    string Name,
    Uri Target,
    string ContentType,
    Func<byte[]> NextBody,
    int EventsPerRequest,
    int Concurrency,
    TimeSpan Warmup,
    TimeSpan Duration,
    double? RatePerSecond = null,
    CemOnPrem.Bench.Infrastructure.CpuProbe? Cpu = null,
    string? BearerToken = null);

/// <summary>What a load run measured (latency is ack latency: request start to response received).</summary>
internal sealed record LoadResult(
    string Name,
    int Concurrency,
    double? TargetRequestsPerSecond,
    double Seconds,
    long Requests,
    long Events,
    long Overloaded,
    long Errors,
    long NotSent,
    double EventsPerSecond,
    double RequestsPerSecond,
    double P50Ms,
    double P95Ms,
    double P99Ms,
    double P999Ms,
    double MaxMs,
    CemOnPrem.Bench.Infrastructure.CpuUse? Cpu = null)
{
    /// <summary>Server + PostgreSQL CPU microseconds per acknowledged event (the load generator excluded).</summary>
    public double? CpuMicrosecondsPerEvent => Cpu is null || Events == 0 ? null : (Cpu.ServerSeconds + Cpu.PostgresSeconds) * 1e6 / Events;

    public double? ServerCpuMicrosecondsPerEvent => Cpu is null || Events == 0 ? null : Cpu.ServerSeconds * 1e6 / Events;

    public double? PostgresCpuMicrosecondsPerEvent => Cpu is null || Events == 0 ? null : Cpu.PostgresSeconds * 1e6 / Events;
}
