using System.Security.Claims;
using System.Text.Json;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Identity.Clients;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CemOnPrem.Identity.Users;

/// <summary>
/// Builds what goes into access tokens: for people their roles and scope, read from the database at every
/// issue and refresh (a changed role applies within one access-token lifetime); for channel clients their binding.
/// </summary>
public sealed class TokenPrincipals(UserManager<CemUser> users, IOpenIddictApplicationManager applications)
{
    private static readonly string[] PeopleScopes = [Scopes.OpenId, Scopes.OfflineAccess, CemScopes.Api];

    /// <returns>Null when the user no longer exists, is disabled or locked out.</returns>
    public async Task<ClaimsPrincipal?> ForUserAsync(string userId, IEnumerable<string> requestedScopes)
    {
        var user = await users.FindByIdAsync(userId).ConfigureAwait(false);
        if (user is null || user.Disabled || await users.IsLockedOutAsync(user).ConfigureAwait(false))
        {
            return null;
        }

        var identity = NewIdentity();
        identity.SetClaim(Claims.Subject, user.Id).SetClaim(Claims.Name, user.UserName);
        identity.SetClaims(Claims.Role, [.. await users.GetRolesAsync(user).ConfigureAwait(false)]);
        var scope = await users.GetClaimsAsync(user).ConfigureAwait(false);
        AddScope(identity, scope.Where(c => c.Type == CemClaims.OrgUnit).Select(c => c.Value), scope.Where(c => c.Type == CemClaims.Region).Select(c => c.Value));
        identity.SetScopes(requestedScopes.Where(PeopleScopes.Contains));
        identity.SetDestinations(claim => claim.Type is Claims.Name or Claims.Role
            ? [Destinations.AccessToken, Destinations.IdentityToken]
            : [Destinations.AccessToken]);
        return new ClaimsPrincipal(identity);
    }

    /// <returns>Null when the client is unknown (revoked between authentication and here).</returns>
    public async Task<ClaimsPrincipal?> ForClientAsync(string clientId, IEnumerable<string> requestedScopes, CancellationToken cancellationToken)
    {
        var application = await applications.FindByClientIdAsync(clientId, cancellationToken).ConfigureAwait(false);
        if (application is null)
        {
            return null;
        }

        var properties = await applications.GetPropertiesAsync(application, cancellationToken).ConfigureAwait(false);
        var identity = NewIdentity();
        identity.SetClaim(Claims.Subject, clientId).SetClaim(Claims.ClientId, clientId);
        AddScope(identity, Strings(properties, ClientAdministration.OrgUnitsProperty), Strings(properties, ClientAdministration.RegionsProperty));
        identity.SetScopes(requestedScopes.Where(scope => scope == CemScopes.Ingest));
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return new ClaimsPrincipal(identity);
    }

    private static ClaimsIdentity NewIdentity() =>
        new(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);

    private static void AddScope(ClaimsIdentity identity, IEnumerable<string> orgUnits, IEnumerable<string> regions)
    {
        identity.SetClaims(CemClaims.OrgUnit, [.. orgUnits]);
        identity.SetClaims(CemClaims.Region, [.. regions]);
    }

    private static IEnumerable<string> Strings(System.Collections.Immutable.ImmutableDictionary<string, JsonElement> properties, string name) =>
        properties.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(item => item.GetString()).OfType<string>()
            : [];
}
