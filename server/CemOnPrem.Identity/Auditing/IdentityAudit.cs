using CemOnPrem.Audit;
using CemOnPrem.Audit.Records;
using CemOnPrem.Identity.Users;
using Microsoft.AspNetCore.Identity;

namespace CemOnPrem.Identity.Auditing;

/// <summary>
/// The audit records of identity: one per login attempt, logout, user or client change. Users are named by
/// their id (<c>user:{id}</c>, <c>user/{id}</c>), clients by their client id; passwords, secrets, one-time
/// codes and names typed at the login page never enter the trail.
/// </summary>
public sealed class IdentityAudit(IAuditTrail trail, UserManager<CemUser> users)
{
    public static string UserResource(string userId) => "user/" + userId;

    public static string ClientResource(string clientId) => "client/" + clientId;

    /// <summary>The actor a user acts as: <c>user:{id}</c> with the roles they hold now.</summary>
    public async Task<AuditActor> ActorAsync(CemUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var roles = await users.GetRolesAsync(user).ConfigureAwait(false);
        return new AuditActor("user:" + user.Id, [.. roles.Order(StringComparer.Ordinal)]);
    }

    /// <summary>A change to a user, by whoever acts (the request's caller, <c>system</c>, or cemctl's operator).</summary>
    public Task UserChangedAsync(string action, CemUser user, string detail)
    {
        ArgumentNullException.ThrowIfNull(user);
        return trail.RecordAsync(new AuditEntry(action, UserResource(user.Id), AuditOutcome.Allowed) { Detail = detail });
    }

    public Task ClientChangedAsync(string action, string clientId, string? detail) =>
        trail.RecordAsync(new AuditEntry(action, ClientResource(clientId), AuditOutcome.Allowed) { Detail = detail });

    public Task RecordAsync(AuditEntry entry) => trail.RecordAsync(entry);

    /// <summary>"org-units=hq,north; regions=eu-central": codes of the configuration, never personal data.</summary>
    public static string Scope(IEnumerable<string> orgUnits, IEnumerable<string> regions) =>
        "org-units=" + string.Join(',', orgUnits.Order(StringComparer.Ordinal)) + "; regions=" + string.Join(',', regions.Order(StringComparer.Ordinal));

    public static string Roles(IEnumerable<string> roles) => "roles=" + string.Join(',', roles.Order(StringComparer.Ordinal));
}
