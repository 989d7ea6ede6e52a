using System.Security.Cryptography;
using System.Text.Json;
using CemOnPrem.Audit.Records;
using CemOnPrem.Identity.Auditing;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Identity.Users;
using CemOnPrem.Identity.Validation;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CemOnPrem.Identity.Clients;

/// <summary>
/// Channel clients (client credentials, scope <c>cem.ingest</c>), each bound to the regions and org-unit
/// subtrees it may post events for. Secrets are shown once and stored hashed by OpenIddict. Every change is
/// recorded in the audit trail right after it is committed (never the secret).
/// </summary>
public sealed class ClientAdministration(IOpenIddictApplicationManager applications, IOpenIddictTokenManager tokens, IdentityAudit audit, ValidatedTokenCache validated)
{
    public const string RegionsProperty = "cem_regions";
    public const string OrgUnitsProperty = "cem_org_units";

    /// <returns>The client secret (shown once).</returns>
    public async Task<string> AddAsync(string clientId, IReadOnlyList<string> regions, IReadOnlyList<string> orgUnits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentNullException.ThrowIfNull(orgUnits);
        if (string.IsNullOrWhiteSpace(clientId))
        {
            throw new IdentityAdministrationException("client id: required.");
        }

        if (regions.Count == 0 || orgUnits.Count == 0)
        {
            throw new IdentityAdministrationException("binding: a channel client needs at least one region and one org unit (its subtree).");
        }

        if (await applications.FindByClientIdAsync(clientId, cancellationToken).ConfigureAwait(false) is not null)
        {
            throw new IdentityAdministrationException($"client '{clientId}' exists already (use rotate-secret).");
        }

        var secret = NewSecret();
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = clientId,
            Permissions =
            {
                Permissions.Endpoints.Token,
                Permissions.Endpoints.Revocation,
                // A channel (or its gateway) may ask whether one of its own tokens is still active.
                Permissions.Endpoints.Introspection,
                Permissions.GrantTypes.ClientCredentials,
                Permissions.Prefixes.Scope + CemScopes.Ingest,
            },
        };
        descriptor.Properties[RegionsProperty] = JsonSerializer.SerializeToElement(regions);
        descriptor.Properties[OrgUnitsProperty] = JsonSerializer.SerializeToElement(orgUnits);
        await applications.CreateAsync(descriptor, cancellationToken).ConfigureAwait(false);
        await audit.ClientChangedAsync(AuditActions.ClientAdd, clientId, "scope=" + CemScopes.Ingest + "; " + IdentityAudit.Scope(orgUnits, regions)).ConfigureAwait(false);
        return secret;
    }

    /// <returns>The new secret; the old one stops working at once (tokens already issued run out normally).</returns>
    public async Task<string> RotateSecretAsync(string clientId, CancellationToken cancellationToken)
    {
        var application = await FindAsync(clientId, cancellationToken).ConfigureAwait(false);
        var secret = NewSecret();
        await applications.UpdateAsync(application, secret, cancellationToken).ConfigureAwait(false);
        await audit.ClientChangedAsync(AuditActions.ClientRotateSecret, clientId, "secret=replaced").ConfigureAwait(false);
        return secret;
    }

    /// <summary>Removes the client and revokes its tokens: its next call is a 401.</summary>
    public async Task RevokeAsync(string clientId, CancellationToken cancellationToken)
    {
        var application = await FindAsync(clientId, cancellationToken).ConfigureAwait(false);
        var id = await applications.GetIdAsync(application, cancellationToken).ConfigureAwait(false);
        await tokens.RevokeByApplicationIdAsync(id!, cancellationToken).ConfigureAwait(false);
        await applications.DeleteAsync(application, cancellationToken).ConfigureAwait(false);
        validated.Clear();
        await audit.ClientChangedAsync(AuditActions.ClientRevoke, clientId, "tokens=revoked").ConfigureAwait(false);
    }

    public async Task<bool> ExistsAsync(string clientId, CancellationToken cancellationToken) =>
        await applications.FindByClientIdAsync(clientId, cancellationToken).ConfigureAwait(false) is not null;

    private async Task<object> FindAsync(string clientId, CancellationToken cancellationToken) =>
        await applications.FindByClientIdAsync(clientId, cancellationToken).ConfigureAwait(false)
            ?? throw new IdentityAdministrationException($"client '{clientId}' does not exist.");

    private static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
