using CemOnPrem.Http.OrgUnits;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Identity.Users;
using Microsoft.AspNetCore.Identity;

namespace CemOnPrem.Cases.Handling;

/// <summary>
/// Whether a person may be given a case: an active user (ASP.NET Identity, the identity schema) with role agent or
/// admin, the case's region among their region claims, and the case's queue unit within one of their org-unit subtrees.
/// </summary>
internal sealed class CaseAssignees(UserManager<CemUser> users, OrgTreeCache trees)
{
    /// <returns>Null when the user may be assigned; otherwise why not (for the 422 naming <c>assignee</c>).</returns>
    public async Task<string?> CheckAsync(string userName, string region, string queueUnit, CancellationToken cancellationToken)
    {
        if (userName.Length is 0 or > 256)
        {
            return "must be a user name (1-256 characters), or null to put the case back in its queue.";
        }

        var user = await users.FindByNameAsync(userName).ConfigureAwait(false);
        if (user is null || user.Disabled)
        {
            return $"'{userName}' is not an active user.";
        }

        var roles = await users.GetRolesAsync(user).ConfigureAwait(false);
        if (!roles.Contains(CemRoles.Agent) && !roles.Contains(CemRoles.Admin))
        {
            return $"'{userName}' has neither role agent nor admin; cases go to the people who handle them.";
        }

        var claims = await users.GetClaimsAsync(user).ConfigureAwait(false);
        if (!claims.Any(c => c.Type == CemClaims.Region && c.Value == region))
        {
            return $"'{userName}' has no scope over region '{region}'.";
        }

        var roots = claims.Where(c => c.Type == CemClaims.OrgUnit).Select(c => c.Value).ToList();
        var tree = await trees.ForScopeAsync(roots, cancellationToken).ConfigureAwait(false);
        return tree.IsWithin(queueUnit, roots) ? null : $"'{userName}' has no org-unit scope over the case's queue unit '{queueUnit}'.";
    }
}
