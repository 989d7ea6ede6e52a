namespace CemOnPrem.Audit.Records;

/// <summary>What became of the audited access.</summary>
public enum AuditOutcome
{
    /// <summary>The access was carried out.</summary>
    Allowed,

    /// <summary>Authorization refused it (401/403, a residency or purpose rule).</summary>
    Denied,

    /// <summary>It was attempted and failed (not found, invalid input, an error).</summary>
    Failed,
}

/// <summary>The stored spelling of an outcome (part of the hashed record: never change it).</summary>
public static class AuditOutcomes
{
    public static string ToText(this AuditOutcome outcome) => outcome switch
    {
        AuditOutcome.Allowed => "allowed",
        AuditOutcome.Denied => "denied",
        AuditOutcome.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown audit outcome."),
    };

    public static bool TryParse(string? text, out AuditOutcome outcome)
    {
        (var known, outcome) = text switch
        {
            "allowed" => (true, AuditOutcome.Allowed),
            "denied" => (true, AuditOutcome.Denied),
            "failed" => (true, AuditOutcome.Failed),
            _ => (false, default),
        };
        return known;
    }
}
