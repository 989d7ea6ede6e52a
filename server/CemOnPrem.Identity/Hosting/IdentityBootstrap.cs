using CemOnPrem.Identity.Authorization;
using CemOnPrem.Identity.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CemOnPrem.Identity.Hosting;

/// <summary>
/// At start (after the migrations): the roles exist and the admin UI's public client exists with this node's redirect
/// URIs among its own. Nodes starting together may race; the loser re-reads what the winner created.
/// </summary>
/// <remarks>
/// The client is one row shared by every node, while <c>Cem:Identity:AdminUiRedirectUris</c> is a per-node setting
/// (each node may name its own host). A start therefore adds its URIs to the stored ones and never removes any:
/// replacing them made the last node started the only one people could sign in through. A node whose setting
/// differs from the stored list says so in a warning (docs/security.md: removing a URI).
/// </remarks>
internal sealed partial class IdentityBootstrap(IServiceScopeFactory scopes, IOptions<CemIdentityOptions> options, ILogger<IdentityBootstrap> logger) : IHostedService
{
    public const string AdminUiClientId = "cem-admin-ui";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<UserAdministration>().EnsureRolesAsync().ConfigureAwait(false);
                // A few short statements: not abandoned half-way if start-up is cancelled meanwhile.
                await EnsureAdminUiAsync(scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>(), CancellationToken.None).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (attempt < 5 && ex is DbUpdateException or OpenIddictExceptions.ConcurrencyException)
            {
                // Another node created or updated the same row a moment ago; read again.
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task EnsureAdminUiAsync(IOpenIddictApplicationManager applications, CancellationToken cancellationToken)
    {
        var configured = options.Value.AdminUiRedirectUris.Select(uri => new Uri(uri).AbsoluteUri).ToHashSet(StringComparer.Ordinal);
        var existing = await applications.FindByClientIdAsync(AdminUiClientId, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            await applications.CreateAsync(Describe(configured, configured), cancellationToken).ConfigureAwait(false);
            return;
        }

        var redirects = (await applications.GetRedirectUrisAsync(existing, cancellationToken).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        var postLogout = (await applications.GetPostLogoutRedirectUrisAsync(existing, cancellationToken).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        if (!redirects.SetEquals(configured))
        {
            LogRedirectUrisDiffer(logger, string.Join(' ', configured.Order(StringComparer.Ordinal)), string.Join(' ', redirects.Order(StringComparer.Ordinal)));
        }

        if (configured.IsSubsetOf(redirects) && configured.IsSubsetOf(postLogout))
        {
            // Nothing to add: no write, so nodes starting together do not race on every start.
            return;
        }

        redirects.UnionWith(configured);
        postLogout.UnionWith(configured);
        await applications.UpdateAsync(existing, Describe(redirects, postLogout), cancellationToken).ConfigureAwait(false);
    }

    private static OpenIddictApplicationDescriptor Describe(IEnumerable<string> redirectUris, IEnumerable<string> postLogoutRedirectUris)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = AdminUiClientId,
            DisplayName = "CemOnPrem admin UI",
            ClientType = ClientTypes.Public,
            ConsentType = ConsentTypes.Implicit,
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.Endpoints.EndSession,
                Permissions.Endpoints.Revocation,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.GrantTypes.RefreshToken,
                Permissions.ResponseTypes.Code,
                Permissions.Prefixes.Scope + CemScopes.Api,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        descriptor.RedirectUris.UnionWith(redirectUris.Select(uri => new Uri(uri)));
        descriptor.PostLogoutRedirectUris.UnionWith(postLogoutRedirectUris.Select(uri => new Uri(uri)));
        return descriptor;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cem:Identity:AdminUiRedirectUris of this node ({Configured}) differ from the admin UI client's redirect URIs in the control database ({Stored}); " +
        "this node's URIs are added and none are removed, so every node's sign-in keeps working. Give every node the same list, or see docs/security.md to remove a URI")]
    private static partial void LogRedirectUrisDiffer(ILogger logger, string configured, string stored);
}
