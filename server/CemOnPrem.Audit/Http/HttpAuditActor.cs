using System.Security.Claims;
using CemOnPrem.Audit.Records;

namespace CemOnPrem.Audit.Http;

/// <summary>
/// The actor of a request from its principal: <c>user:{sub}</c> for people, <c>client:{client_id}</c>
/// for machine clients (OpenIddict claims), roles from the role claims; <c>anonymous</c> when unauthenticated.
/// </summary>
public static class HttpAuditActor
{
    public static AuditActor Of(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            return AuditActor.Anonymous;
        }

        var roles = user.Claims.Where(claim => claim.Type is ClaimTypes.Role or "role").Select(claim => claim.Value)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var subject = user.FindFirst("sub")?.Value ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        if (subject is not null)
        {
            return new AuditActor("user:" + subject, roles);
        }

        var client = user.FindFirst("client_id")?.Value ?? user.FindFirst("azp")?.Value;
        return new AuditActor(client is null ? "unidentified" : "client:" + client, roles);
    }
}
