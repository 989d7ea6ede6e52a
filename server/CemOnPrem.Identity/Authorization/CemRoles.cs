namespace CemOnPrem.Identity.Authorization;

/// <summary>The roles a person can hold. Every user also has a scope (org-unit subtrees and regions).</summary>
public static class CemRoles
{
    /// <summary>Platform configuration, packs, clients, users.</summary>
    public const string Admin = "admin";

    /// <summary>Aggregates and pseudonymised rows only.</summary>
    public const string Analyst = "analyst";

    /// <summary>Customers and cases within their org-unit subtree.</summary>
    public const string Agent = "agent";

    /// <summary>Audit trail and data-subject requests.</summary>
    public const string Compliance = "compliance";

    /// <summary>Reads the audit trail, changes nothing.</summary>
    public const string AuditorReadOnly = "auditor-readonly";

    public static IReadOnlyList<string> All { get; } = [Admin, Analyst, Agent, Compliance, AuditorReadOnly];

    /// <summary>Roles whose holders must sign in with a second factor (TOTP).</summary>
    public static IReadOnlyList<string> RequiringSecondFactor { get; } = [Admin, Compliance];

    public static string Describe(string role) => role switch
    {
        Admin => "platform configuration, packs, clients, users (second factor required)",
        Analyst => "aggregates and pseudonymised rows only",
        Agent => "customers and cases within their org-unit subtree",
        Compliance => "audit trail, data-subject requests (second factor required)",
        AuditorReadOnly => "reads the audit trail",
        _ => "",
    };
}
