using Orleans.CodeGeneration;

namespace CemOnPrem.Contracts.Cases;

/// <summary>
/// The clocks of one case (key <c>{region}/{caseId}</c>): holds one Orleans reminder, due at the case's next pending
/// instant (an SLA or regulatory warning or breach). A tick records the thresholds passed, escalates on a breach and
/// re-arms for the next instant. The case row in the region database is the truth; the grain holds no state.
/// </summary>
[Alias("cem.case-clock")]
[Version(1)]
public interface ICaseClockGrain : IGrainWithStringKey
{
    /// <summary>
    /// Registers, moves or removes the case's reminder after its clocks changed (the clock armer calls this for cases
    /// whose <c>clocks_armed</c> lags <c>clocks_version</c>), then records the version it armed.
    /// </summary>
    /// <param name="version">The <c>clocks_version</c> the caller saw; the grain arms what the row holds now.</param>
    [Alias("arm")]
    Task<CaseClockArming> ArmAsync(int version);
}
