namespace CemOnPrem.Identity.Authorization;

/// <summary>Claim types of a caller's scope, carried in access tokens (users and channel clients alike).</summary>
public static class CemClaims
{
    /// <summary>One claim per org unit whose subtree the caller may act in.</summary>
    public const string OrgUnit = "cem_org_unit";

    /// <summary>One claim per residency region the caller may act in.</summary>
    public const string Region = "cem_region";
}
