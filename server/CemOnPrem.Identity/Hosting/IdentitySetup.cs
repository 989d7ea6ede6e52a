using CemOnPrem.Identity.Auditing;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Identity.Certificates;
using CemOnPrem.Identity.Clients;
using CemOnPrem.Identity.Endpoints;
using CemOnPrem.Identity.Federation;
using CemOnPrem.Identity.Storage;
using CemOnPrem.Identity.Throttling;
using CemOnPrem.Identity.Users;
using CemOnPrem.Identity.Validation;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CemOnPrem.Identity.Hosting;

/// <summary>Wires users, clients, the OpenIddict server and validation, and the authorization policies.</summary>
public static class IdentitySetup
{
    /// <summary>
    /// Stores and administration only (no HTTP): enough for <c>cemctl</c>, which manages users and clients in the
    /// control database without running the server.
    /// </summary>
    public static IServiceCollection AddCemIdentityStores(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CemIdentityOptions>().Bind(configuration.GetSection(CemIdentityOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CemIdentityOptions>, CemIdentityOptionsValidator>();
        services.AddDbContext<CemIdentityDbContext>((sp, db) => db.UseNpgsql(sp.GetRequiredService<IdentityHostContext>().ControlDataSource));
        var identity = configuration.GetSection(CemIdentityOptions.Section).Get<CemIdentityOptions>() ?? new CemIdentityOptions();
        services.AddIdentityCore<CemUser>(options =>
            {
                options.Password.RequiredLength = identity.Password.MinimumLength;
                options.Password.RequiredUniqueChars = identity.Password.RequiredUniqueChars;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = identity.Lockout.MaxFailedAttempts;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(identity.Lockout.Minutes);
                options.User.RequireUniqueEmail = false;
                options.ClaimsIdentity.RoleClaimType = Claims.Role;
                options.ClaimsIdentity.UserIdClaimType = Claims.Subject;
                options.ClaimsIdentity.UserNameClaimType = Claims.Name;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<CemIdentityDbContext>()
            .AddTokenProvider<AuthenticatorTokenProvider<CemUser>>(TokenOptions.DefaultAuthenticatorProvider);
        services.AddOpenIddict().AddCore(core => core.UseEntityFrameworkCore().UseDbContext<CemIdentityDbContext>());
        services.AddScoped<IdentityAudit>();
        // From the raw setting (the validator rejects a bad value at server start-up); cemctl has no certificates to validate.
        services.AddSingleton(new ValidatedTokenCache(TimeProvider.System)
        {
            Lifetime = TimeSpan.FromSeconds(Math.Clamp(identity.TokenCheckCacheSeconds, 0, 60)),
        });
        services.AddScoped<UserAdministration>();
        services.AddScoped<ClientAdministration>();
        return services;
    }

    /// <summary>The full identity server inside the host: stores, OpenIddict, login cookie, API authentication and policies.</summary>
    public static IServiceCollection AddCemIdentityServer(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddCemIdentityStores(configuration);
        var identity = configuration.GetSection(CemIdentityOptions.Section).Get<CemIdentityOptions>() ?? new CemIdentityOptions();
        services.AddSingleton(sp =>
        {
            var (signing, encryption) = TokenCertificates.Load(sp.GetRequiredService<IOptions<CemIdentityOptions>>().Value, sp.GetRequiredService<IdentityHostContext>().DataDirectory);
            return new TokenCertificateSet(signing, encryption);
        });
        // Keys in the control database so every node reads every node's login cookie and antiforgery token. With
        // configured certificates (production) the key ring is encrypted at rest with the encryption certificate;
        // generated development certificates do not exist yet at registration time, so development keys stay plain.
        var dataProtection = services.AddDataProtection().SetApplicationName("CemOnPrem").PersistKeysToDbContext<CemIdentityDbContext>();
        if (TokenCertificates.ConfiguredEncryptionOrNull(identity) is { } keyRingCertificate)
        {
            dataProtection.ProtectKeysWithCertificate(keyRingCertificate);
        }
        services.AddAntiforgery(options => options.Cookie.Name = "cem.antiforgery");
        services.AddOpenIddict()
            .AddServer(server =>
            {
                server.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetIntrospectionEndpointUris("connect/introspect")
                    .SetRevocationEndpointUris("connect/revoke")
                    .SetEndSessionEndpointUris("connect/logout");
                if (Uri.TryCreate(identity.Issuer, UriKind.Absolute, out var issuer))
                {
                    // One issuer for every node: a token issued by one node validates on all of them.
                    server.SetIssuer(issuer);
                }

                server.AllowClientCredentialsFlow()
                    .AllowAuthorizationCodeFlow()
                    .RequireProofKeyForCodeExchange()
                    .AllowRefreshTokenFlow();
                server.RegisterScopes(Scopes.OpenId, Scopes.OfflineAccess, CemScopes.Api, CemScopes.Ingest);
                server.SetAccessTokenLifetime(TimeSpan.FromSeconds(identity.AccessTokenSeconds))
                    .SetRefreshTokenLifetime(TimeSpan.FromMinutes(identity.RefreshTokenMinutes));
                server.AddEventHandler(ForgetValidatedTokensOnRevocation.Descriptor);
                // Token rules (docs/security.md): PKCE with S256 only (discovery then lists S256 alone), parameters of
                // the token, introspection and revocation endpoints from a POST form only, and introspection and
                // revocation only of the caller's own tokens.
                server.Configure(options => options.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain));
                server.AddEventHandler(FormPostOnly.Descriptor);
                server.AddEventHandler(CallerOwnsToken.IntrospectionDescriptor);
                server.AddEventHandler(CallerOwnsToken.RevocationDescriptor);
                var aspNetCore = server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough();
                if (identity.AllowPlainHttp)
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            })
            // Local validation with token-entry checks: a full validation looks up the token's entry, so a revoked
            // token (or one of a disabled user or a revoked client) fails. The API scheme (CachedBearerHandler) runs a
            // full validation at most every Cem:Identity:TokenCheckCacheSeconds per token and node.
            .AddValidation(validation =>
            {
                validation.UseLocalServer();
                validation.EnableTokenEntryValidation();
                // The Authorization header only: a token in the query string or a form body ends up in logs and histories.
                validation.UseAspNetCore()
                    .DisableAccessTokenExtractionFromQueryString()
                    .DisableAccessTokenExtractionFromBodyForm();
            });
        // Certificates are loaded when OpenIddict's options are first built, from validated settings.
        services.AddOptions<OpenIddictServerOptions>().Configure<TokenCertificateSet>((server, certificates) =>
        {
            server.SigningCredentials.Add(new SigningCredentials(new X509SecurityKey(certificates.Signing), SecurityAlgorithms.RsaSha256));
            server.EncryptionCredentials.Add(new EncryptingCredentials(new X509SecurityKey(certificates.Encryption),
                SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512));
        });

        services.AddAuthentication(CachedBearerHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, CachedBearerHandler>(CachedBearerHandler.SchemeName, bearer =>
            {
                bearer.ForwardChallenge = OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme;
                bearer.ForwardForbid = OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme;
            })
            .AddCookie(LoginCookie.Scheme, cookie =>
            {
                cookie.Cookie.Name = "cem.login";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax;
                cookie.LoginPath = LoginPage.Path;
                cookie.ExpireTimeSpan = TimeSpan.FromMinutes(15);
                cookie.SlidingExpiration = false;
            });
        services.AddAuthorization(CemPolicies.Configure);
        services.AddSingleton<IAuthorizationHandler, CemRequirementHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        services.AddHttpContextAccessor();
        services.AddScoped<TokenPrincipals>();
        services.AddScoped<PasswordSignIn>();
        services.AddSingleton<LoginFailureBudget>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddCemSignInRateLimits();
        services.AddScoped<SignInAudit>();
        services.AddHostedService<IdentityBootstrap>();
        services.AddCemFederation(identity);
        return services;
    }

    /// <summary>Authentication and authorization middleware; after routing so endpoint policies are known.</summary>
    public static IApplicationBuilder UseCemIdentity(this IApplicationBuilder app)
    {
        // Before authentication: OpenIddict checks client secrets there, and nothing limited should cost a check.
        app.UseCemSignInRateLimits();
        app.UseCemAuthentication();
        app.UseAuthorization();
        return app;
    }
}
