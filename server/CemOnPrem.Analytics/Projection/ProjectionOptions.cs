namespace CemOnPrem.Analytics.Projection;

/// <summary>Settings of the analytics projector (section <c>Cem:Analytics</c>).</summary>
public sealed class ProjectionOptions
{
    public const string Section = "Cem:Analytics";

    /// <summary>Off only for tools and tests that drive the projection themselves.</summary>
    public bool ProjectorEnabled { get; set; } = true;

    /// <summary>How often an idle projector looks for new events; bounds how stale a dashboard can be.</summary>
    public int PollMilliseconds { get; set; } = 200;

    /// <summary>Events per cycle (one transaction); larger cycles amortise better, smaller ones commit sooner.</summary>
    public int MaxEventsPerCycle { get; set; } = 5000;

    /// <summary>Customers with a timed-out journey handled per cycle.</summary>
    public int MaxDuePerCycle { get; set; } = 2000;

    /// <summary>
    /// Events of customers' histories the projector keeps in memory (about 250 bytes each), so that it reads only the
    /// new events of customers it has derived before. 0 reads every history from the log.
    /// </summary>
    public int HistoryCacheEvents { get; set; } = 250_000;

    /// <summary>Groups with fewer values than this are suppressed in query results (they could point at a person).</summary>
    public int MinGroupSize { get; set; } = 5;

    public IEnumerable<string> Validate()
    {
        if (PollMilliseconds is < 10 or > 60_000)
        {
            yield return $"{Section}:PollMilliseconds must be between 10 and 60000 (is {PollMilliseconds}).";
        }

        if (MaxEventsPerCycle is < 1 or > 1_000_000)
        {
            yield return $"{Section}:MaxEventsPerCycle must be between 1 and 1000000 (is {MaxEventsPerCycle}).";
        }

        if (MaxDuePerCycle is < 1 or > 1_000_000)
        {
            yield return $"{Section}:MaxDuePerCycle must be between 1 and 1000000 (is {MaxDuePerCycle}).";
        }

        if (HistoryCacheEvents is < 0 or > 100_000_000)
        {
            yield return $"{Section}:HistoryCacheEvents must be between 0 and 100000000 (is {HistoryCacheEvents}).";
        }

        if (MinGroupSize is < 1 or > 1000)
        {
            yield return $"{Section}:MinGroupSize must be between 1 and 1000 (is {MinGroupSize}).";
        }
    }
}
