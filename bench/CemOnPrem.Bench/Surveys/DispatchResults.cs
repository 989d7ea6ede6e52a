namespace CemOnPrem.Bench.Surveys;

/// <summary>The figures of <see cref="DispatchBench"/>.</summary>
internal sealed class DispatchResults
{
    public int Invitations { get; set; }

    /// <summary>From the first planning round to the last invitation marked sent.</summary>
    public double Seconds { get; set; }

    public double InvitationsPerSecond { get; set; }

    /// <summary>Calls the loopback gateway received (≥ invitations: delivery is at least once).</summary>
    public long GatewayCalls { get; set; }

    public int Sent { get; set; }
}
