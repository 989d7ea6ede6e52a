namespace CemOnPrem.Audit.Http;

/// <summary>
/// Authorization policy names of the audit endpoints. The identity branch owns the real role model;
/// until then <see cref="AuditSetup"/> registers <see cref="Compliance"/> as "role compliance or auditor-readonly".
/// </summary>
public static class AuditPolicies
{
    /// <summary>Compliance queries, evidence export, chain verification.</summary>
    public const string Compliance = "cem.compliance";

    public const string ComplianceRole = "compliance";
    public const string AuditorReadOnlyRole = "auditor-readonly";
}
