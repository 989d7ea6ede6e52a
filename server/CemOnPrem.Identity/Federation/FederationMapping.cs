using System.Security.Claims;
using CemOnPrem.Identity.Authorization;

namespace CemOnPrem.Identity.Federation;

/// <summary>What a person from the bank's IdP may do here, decided by configuration from their groups alone.</summary>
public sealed record FederationMapping(IReadOnlyList<string> Roles, IReadOnlyList<string> OrgUnits, IReadOnlyList<string> Regions)
{
    public static FederationMapping Of(FederationProviderOptions provider, ClaimsPrincipal external)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(external);
        var groups = external.FindAll(provider.GroupClaim).Select(claim => claim.Value).ToHashSet(StringComparer.Ordinal);
        var roles = groups.Where(provider.RoleMap.ContainsKey)
            .SelectMany(group => provider.RoleMap[group].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(CemRoles.All.Contains);
        var scopes = groups.Where(provider.ScopeMap.ContainsKey).Select(group => provider.ScopeMap[group]).ToList();
        return new FederationMapping(Sorted(roles), Sorted(scopes.SelectMany(scope => scope.OrgUnits)), Sorted(scopes.SelectMany(scope => scope.Regions)));
    }

    /// <summary>The e-mail domain rule: null when allowed, else why not.</summary>
    public static string? CheckEmail(FederationProviderOptions provider, ClaimsPrincipal external)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(external);
        if (provider.AllowedEmailDomains.Count == 0)
        {
            return null;
        }

        var email = external.FindFirst(provider.EmailClaim)?.Value;
        var at = email?.LastIndexOf('@') ?? -1;
        return at > 0 && provider.AllowedEmailDomains.Contains(email![(at + 1)..], StringComparer.OrdinalIgnoreCase) ? null : "email-domain";
    }

    /// <summary>
    /// The second-factor rule: null when the mapped roles need no second factor, the provider requires no <c>amr</c>
    /// value, or the identity token carries one of the required values; else why not.
    /// </summary>
    public static string? CheckMfa(FederationProviderOptions provider, FederationMapping mapping, ClaimsPrincipal external)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(external);
        if (provider.RequireMfaClaim.Count == 0 || !mapping.Roles.Any(CemRoles.RequiringSecondFactor.Contains))
        {
            return null;
        }

        var methods = external.FindAll("amr").Select(claim => claim.Value);
        return methods.Any(method => provider.RequireMfaClaim.Contains(method, StringComparer.Ordinal)) ? null : "no-mfa";
    }

    private static string[] Sorted(IEnumerable<string> values) => [.. values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
