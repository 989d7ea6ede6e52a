using CemOnPrem.Identity.Certificates;
using CemOnPrem.Identity.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Client;
using OpenIddict.Client.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CemOnPrem.Identity.Federation;

/// <summary>
/// The OpenIddict client, one registration per <c>Cem:Identity:Federation:{name}</c>: authorization code flow
/// (PKCE when the provider offers it) with callback <c>/callback/login/{name}</c>, handled by
/// <see cref="FederationEndpoints"/> (passthrough). Its state tokens are protected with the token certificates,
/// so any node can finish a sign-in another node started.
/// </summary>
internal static class FederationSetup
{
    public const string CallbackPrefix = "callback/login/";

    public static void AddCemFederation(this IServiceCollection services, CemIdentityOptions identity)
    {
        services.AddScoped<FederatedSignIn>();
        // Only well-formed providers are registered; the options validator names the setting of any other and stops the start.
        var providers = identity.Federation
            .Where(provider => Uri.TryCreate(provider.Value.Issuer, UriKind.Absolute, out _) && provider.Value.ClientId.Length > 0)
            .ToList();
        if (providers.Count == 0)
        {
            return;
        }

        services.AddOpenIddict().AddClient(client =>
        {
            client.AllowAuthorizationCodeFlow();
            client.SetRedirectionEndpointUris([.. providers.Select(provider => CallbackPrefix + provider.Key)]);
            var aspNetCore = client.UseAspNetCore().EnableRedirectionEndpointPassthrough();
            if (identity.AllowPlainHttp)
            {
                aspNetCore.DisableTransportSecurityRequirement();
            }

            client.UseSystemNetHttp();
            foreach (var (name, provider) in providers)
            {
                var registration = new OpenIddictClientRegistration
                {
                    Issuer = new Uri(provider.Issuer, UriKind.Absolute),
                    ProviderName = name,
                    ProviderDisplayName = DisplayName(name, provider),
                    ClientId = provider.ClientId,
                    ClientSecret = provider.ClientSecret.Length > 0 ? provider.ClientSecret : null,
                    RedirectUri = new Uri(CallbackPrefix + name, UriKind.Relative),
                };
                registration.Scopes.Add(Scopes.OpenId);
                foreach (var scope in provider.Scopes.Count > 0 ? provider.Scopes : [Scopes.Profile, Scopes.Email])
                {
                    registration.Scopes.Add(scope);
                }

                client.AddRegistration(registration);
            }
        });
        if (identity.AllowPlainHttp)
        {
            // Loopback development and tests: the correlation cookie is Secure (and SameSite=None) by default, which a
            // browser never sends back over plain HTTP. The query response mode returns by top-level GET, so Lax suffices.
            services.Configure<OpenIddictClientAspNetCoreOptions>(aspNetCore =>
            {
                aspNetCore.CookieBuilder.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
                aspNetCore.CookieBuilder.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax;
            });
        }

        services.AddOptions<OpenIddictClientOptions>().Configure<TokenCertificateSet>((client, certificates) =>
        {
            client.SigningCredentials.Add(new SigningCredentials(new X509SecurityKey(certificates.Signing), SecurityAlgorithms.RsaSha256));
            client.EncryptionCredentials.Add(new EncryptingCredentials(new X509SecurityKey(certificates.Encryption),
                SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512));
        });
    }

    public static string DisplayName(string name, FederationProviderOptions provider) =>
        provider.DisplayName.Length > 0 ? provider.DisplayName : name;
}
