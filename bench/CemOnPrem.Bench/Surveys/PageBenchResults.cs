using CemOnPrem.Bench.Analytics;

namespace CemOnPrem.Bench.Surveys;

/// <summary>What <see cref="PageBench"/> measured: latencies in milliseconds per request kind, and requests per second.</summary>
internal sealed record PageBenchResults(int Respondents, int Rounds, int Failures, double RequestsPerSecond, LatencySummary GetMs, LatencySummary PostMs, LatencySummary AllMs);
