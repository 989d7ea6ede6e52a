namespace CemOnPrem.Governance;

/// <summary>One entry of the consent ledger.</summary>
public sealed record ConsentEntry(
    string Purpose, int Version, string Status, DateTime RecordedAt, string Source, string PolicyVersion, string RecordedBy);

/// <summary>What to record: a grant or a withdrawal of one purpose.</summary>
public sealed record ConsentChange(string Purpose, string Status, string Source, string PolicyVersion, string RecordedBy);

/// <summary>A purpose's current state for a customer: its basis, latest entry and whether processing is allowed now.</summary>
public sealed record ConsentState(string Purpose, string Basis, string? Status, int? Version, DateTime? Since, bool Allowed);

public static class ConsentStatuses
{
    public const string Granted = "granted";
    public const string Withdrawn = "withdrawn";

    /// <summary>The rule of the legal basis: consent needs a current grant; legitimate interest stops at an objection.</summary>
    public static bool Allows(string basis, string? latestStatus) =>
        basis == LegalBasis.LegitimateInterest ? latestStatus != Withdrawn : latestStatus == Granted;
}
