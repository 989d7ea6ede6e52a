namespace CemOnPrem.Audit.Verification;

/// <summary>
/// The result of walking the chain: intact up to <see cref="VerifiedUpTo"/>, or broken at
/// <see cref="BrokenAt"/> for <see cref="Reason"/>.
/// </summary>
public sealed record AuditVerification(
    bool Intact,
    long VerifiedUpTo,
    long? BrokenAt,
    string? Reason,
    int CheckpointsVerified,
    long? LastCheckpoint)
{
    public string Summary => Intact
        ? $"intact up to {VerifiedUpTo}; {CheckpointsVerified} signed checkpoints verified" +
          (LastCheckpoint is { } last
              ? $", the last at {last}" + (VerifiedUpTo > last ? $" (records after {last} are not yet covered by a checkpoint)" : "")
              : " (no checkpoint yet: a truncated tail would not be detected)")
        : $"broken at {BrokenAt}: {Reason}";
}
