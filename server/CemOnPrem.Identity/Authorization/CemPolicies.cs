using Microsoft.AspNetCore.Authorization;

namespace CemOnPrem.Identity.Authorization;

/// <summary>
/// The named authorization policies, in one place. An endpoint group attaches one with
/// <c>.RequireAuthorization(CemPolicies.X)</c>; an endpoint without one falls back to "authenticated"
/// and fails the authorization matrix test until it is given its policy.
/// </summary>
public static class CemPolicies
{
    /// <summary>Channel clients posting events: scope <c>cem.ingest</c> (region/org-unit binding checked per event).</summary>
    public const string Ingest = "cem-ingest";

    /// <summary>Platform configuration, packs, clients, users: role admin.</summary>
    public const string Admin = "cem-admin";

    /// <summary>Audit trail and data-subject requests: role compliance.</summary>
    public const string Compliance = "cem-compliance";

    /// <summary>Aggregates (metrics, journeys): roles analyst, admin, agent.</summary>
    public const string Aggregates = "cem-aggregates";

    /// <summary>
    /// Customer-level reads: roles agent or compliance, a declared purpose (<c>X-Cem-Purpose</c>) and the region of
    /// the route in the caller's scope. The org-unit check needs the customer's data and is made by the endpoint.
    /// </summary>
    public const string CustomerRead = "cem-customer-read";

    /// <summary>
    /// Customer-level reads that are masked for analysts (single customer view, timeline, journeys): as
    /// <see cref="CustomerRead"/>, and role analyst as well; the endpoint shows an analyst pseudonyms only. Not for
    /// lookups by identity value, which would let a pseudonymous reader test who is a customer.
    /// </summary>
    public const string PseudonymousCustomerRead = "cem-customer-read-pseudonymous";

    /// <summary>Reading the org-unit tree: roles admin, analyst, agent.</summary>
    public const string OrgUnitsRead = "cem-org-units-read";

    /// <summary>Changing the org-unit tree: role admin.</summary>
    public const string OrgUnitsWrite = "cem-org-units-write";

    /// <summary>
    /// Reading cases (inbox, detail): roles agent, admin or analyst, and the region of the route in the caller's scope.
    /// The endpoint checks the case's queue unit against the caller's org-unit subtrees, and shows customer fields and
    /// personal text only to agents and admins who declare the <c>case-handling</c> purpose (analysts never).
    /// </summary>
    public const string CasesRead = "cem-cases-read";

    /// <summary>
    /// Changing cases (open, transitions, assign, notes, root cause): roles agent or admin, a declared purpose and the
    /// region of the route in the caller's scope; the endpoint checks the org-unit subtree as for <see cref="CasesRead"/>.
    /// </summary>
    public const string CasesWrite = "cem-cases-write";

    public const string PurposeHeader = "X-Cem-Purpose";

    internal static void Configure(AuthorizationOptions options)
    {
        // Nothing is anonymous by accident: an endpoint without a policy still needs a valid token.
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        options.AddPolicy(Ingest, policy => policy.RequireAuthenticatedUser().AddRequirements(new ScopeRequirement(CemScopes.Ingest)));
        options.AddPolicy(Admin, policy => policy.RequireAuthenticatedUser().AddRequirements(new RoleRequirement(CemRoles.Admin)));
        options.AddPolicy(Compliance, policy => policy.RequireAuthenticatedUser().AddRequirements(new RoleRequirement(CemRoles.Compliance)));
        options.AddPolicy(Aggregates, policy => policy.RequireAuthenticatedUser()
            .AddRequirements(new RoleRequirement(CemRoles.Analyst, CemRoles.Admin, CemRoles.Agent)));
        options.AddPolicy(CustomerRead, policy => policy.RequireAuthenticatedUser()
            .AddRequirements(new RoleRequirement(CemRoles.Agent, CemRoles.Compliance), new PurposeRequirement(), new RouteRegionRequirement()));
        options.AddPolicy(PseudonymousCustomerRead, policy => policy.RequireAuthenticatedUser()
            .AddRequirements(new RoleRequirement(CemRoles.Agent, CemRoles.Compliance, CemRoles.Analyst), new PurposeRequirement(), new RouteRegionRequirement()));
        options.AddPolicy(OrgUnitsRead, policy => policy.RequireAuthenticatedUser()
            .AddRequirements(new RoleRequirement(CemRoles.Admin, CemRoles.Analyst, CemRoles.Agent)));
        options.AddPolicy(CasesRead, policy => policy.RequireAuthenticatedUser()
            .AddRequirements(new RoleRequirement(CemRoles.Agent, CemRoles.Admin, CemRoles.Analyst), new RouteRegionRequirement()));
        options.AddPolicy(CasesWrite, policy => policy.RequireAuthenticatedUser()
            .AddRequirements(new RoleRequirement(CemRoles.Agent, CemRoles.Admin), new PurposeRequirement(), new RouteRegionRequirement()));
        options.AddPolicy(OrgUnitsWrite, policy => policy.RequireAuthenticatedUser().AddRequirements(new RoleRequirement(CemRoles.Admin)));
    }
}
