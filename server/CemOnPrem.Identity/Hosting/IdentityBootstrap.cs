using CemOnPrem.Identity.Authorization;
using CemOnPrem.Identity.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CemOnPrem.Identity.Hosting;

/// <summary>
/// At start (after the migrations): the roles exist and the admin UI's public client matches configuration.
/// Nodes starting together may race; the loser re-reads what the winner created.
/// </summary>
internal sealed class IdentityBootstrap(IServiceScopeFactory scopes, IOptions<CemIdentityOptions> options) : IHostedService
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
        foreach (var uri in options.Value.AdminUiRedirectUris)
        {
            descriptor.RedirectUris.Add(new Uri(uri));
            descriptor.PostLogoutRedirectUris.Add(new Uri(uri));
        }

        var existing = await applications.FindByClientIdAsync(AdminUiClientId, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            await applications.CreateAsync(descriptor, cancellationToken).ConfigureAwait(false);
        }
        else if (!(await applications.GetRedirectUrisAsync(existing, cancellationToken).ConfigureAwait(false))
                     .Order(StringComparer.Ordinal).SequenceEqual(options.Value.AdminUiRedirectUris.Select(uri => new Uri(uri).AbsoluteUri).Order(StringComparer.Ordinal)))
        {
            // Only when configuration changed: nodes starting together would otherwise race on every start.
            await applications.UpdateAsync(existing, descriptor, cancellationToken).ConfigureAwait(false);
        }
    }
}
