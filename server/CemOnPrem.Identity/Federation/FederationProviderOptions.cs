namespace CemOnPrem.Identity.Federation;

/// <summary>
/// <c>Cem:Identity:Federation:{name}</c>: the bank's own identity provider (AD FS, Keycloak, Entra ID…) as an
/// upstream OpenID Connect login. Roles and scope come only from <see cref="RoleMap"/> and <see cref="ScopeMap"/>,
/// never from the upstream's claims as they are.
/// </summary>
public sealed class FederationProviderOptions
{
    /// <summary>Shown on the login page: "Sign in with {DisplayName}". Empty: the provider's name.</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>The provider's issuer (its discovery document is read from <c>{Issuer}/.well-known/openid-configuration</c>).</summary>
    public string Issuer { get; set; } = "";

    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    /// <summary>Scopes asked for besides <c>openid</c> (default <c>profile email</c>).</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>The claim listing the person's groups (AD FS: <c>group</c> or <c>role</c>; Keycloak: <c>groups</c>).</summary>
    public string GroupClaim { get; set; } = "groups";

    /// <summary>Group → CEM role(s), comma-separated (<c>CEM-Admins=admin</c>). A group not listed gives no role.</summary>
    public Dictionary<string, string> RoleMap { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Group → org units and regions the person may act in (unioned over their groups).</summary>
    public Dictionary<string, FederationScopeOptions> ScopeMap { get; set; } = new(StringComparer.Ordinal);

    public string EmailClaim { get; set; } = "email";

    /// <summary>When not empty, only people whose e-mail claim ends in one of these domains may sign in.</summary>
    public List<string> AllowedEmailDomains { get; set; } = [];

    /// <summary>The claim that names the local user created just in time (sanitised, prefixed with the provider's name).</summary>
    public string UserNameClaim { get; set; } = "preferred_username";

    /// <summary>
    /// Create a local user at the first sign-in (just in time). Off: only people an administrator linked
    /// (<c>cemctl users link</c>) may sign in through this provider.
    /// </summary>
    public bool CreateUsers { get; set; }

    /// <summary>
    /// Authentication methods (<c>amr</c> values of the IdP's identity token, e.g. <c>mfa</c>, <c>otp</c>, <c>hwk</c>) of
    /// which at least one must be present when the mapping gives a role that needs a second factor (admin, compliance).
    /// Empty: not checked (the IdP is trusted to enforce MFA for those groups). CemOnPrem's own TOTP never applies to a
    /// federated sign-in, so this is how the deployment proves the IdP did ask for a second factor.
    /// </summary>
    public List<string> RequireMfaClaim { get; set; } = [];
}

public sealed class FederationScopeOptions
{
    public List<string> OrgUnits { get; set; } = [];

    public List<string> Regions { get; set; } = [];
}
