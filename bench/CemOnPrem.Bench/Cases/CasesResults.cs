using CemOnPrem.Bench.Analytics;
using CemOnPrem.Bench.Reporting;

namespace CemOnPrem.Bench.Cases;

/// <summary>What <c>./cem bench cases</c> writes to bench/results.</summary>
internal sealed class CasesResults
{
    public MachineFacts? Machine { get; init; }

    /// <summary>Detractor feedback events sent (each fires the banking pack's branch-detractor rule once).</summary>
    public long Events { get; init; }

    public int BatchSize { get; init; }

    public int Concurrency { get; init; }

    /// <summary>Events per second the burst was acknowledged at (202).</summary>
    public double IngestEventsPerSecond { get; set; }

    public long CasesOpened { get; set; }

    /// <summary>Cases opened per second, from the first 202 to the last case visible.</summary>
    public double CasesPerSecond { get; set; }

    /// <summary>From each event's 202 to its case being visible in <c>cases</c> (sampled every 20 ms).</summary>
    public LatencySummary EventToCaseMs { get; set; } = LatencySummary.Empty;

    /// <summary>Cases the inbox part filled the region with (0: not run).</summary>
    public long InboxCases { get; set; }

    public double InboxSeedSeconds { get; set; }

    /// <summary>Per inbox request shape, the query's time below HTTP (a page of 50).</summary>
    public Dictionary<string, LatencySummary> InboxMs { get; set; } = [];
}
