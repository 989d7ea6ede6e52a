using System.Security.Claims;

namespace CemOnPrem.Identity.Authorization;

/// <summary>Where a caller may act: org-unit subtrees (by their root codes) and residency regions, from its token.</summary>
public sealed record CallerScope(IReadOnlySet<string> OrgUnits, IReadOnlySet<string> Regions)
{
    public static CallerScope Of(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new CallerScope(
            user.FindAll(CemClaims.OrgUnit).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
            user.FindAll(CemClaims.Region).Select(c => c.Value).ToHashSet(StringComparer.Ordinal));
    }

    public bool HasRegion(string region) => Regions.Contains(region);
}
