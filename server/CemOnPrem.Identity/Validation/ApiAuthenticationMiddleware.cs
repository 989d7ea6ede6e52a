using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Features.Authentication;

namespace CemOnPrem.Identity.Validation;

/// <summary>
/// ASP.NET Core's authentication middleware, except that a request under <c>/api</c> skips the protocol handlers.
/// </summary>
/// <remarks>
/// The standard middleware first offers every request to each scheme that handles protocol messages itself (OpenIddict's
/// server, validation and client handlers): each is created with its dependencies and runs its own dispatch pipeline
/// to find out the request is not for it. The API never receives such messages (they live under <c>/connect</c>,
/// <c>/.well-known</c> and <c>/callback</c>), and that work was ~10 % of the server's CPU per ingested event
/// (docs/performance.md). An API request is authenticated with the default scheme alone, exactly as the standard
/// middleware does after the protocol handlers have declined; every other request goes through the standard one.
/// OpenIddict's validation needs its protocol pass before it can check a token: <see cref="CachedBearerHandler"/> runs
/// it when its cache cannot answer.
/// </remarks>
internal sealed class ApiAuthenticationMiddleware(RequestDelegate next, IAuthenticationSchemeProvider schemes)
{
    public static readonly PathString ApiPrefix = new("/api");

    private static readonly object SkippedKey = new();

    /// <summary>Whether this request skipped the protocol handlers (<see cref="CachedBearerHandler"/> then runs OpenIddict's validation pass itself).</summary>
    public static bool SkippedProtocolHandlers(HttpContext context) => context.Items.ContainsKey(SkippedKey);

    private readonly AuthenticationMiddleware _standard = new(next, schemes);

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments(ApiPrefix, StringComparison.OrdinalIgnoreCase))
        {
            await _standard.Invoke(context).ConfigureAwait(false);
            return;
        }

        context.Items[SkippedKey] = true;
        context.Features.Set<IAuthenticationFeature>(new AuthenticationFeature
        {
            OriginalPath = context.Request.Path,
            OriginalPathBase = context.Request.PathBase,
        });
        if (await schemes.GetDefaultAuthenticateSchemeAsync().ConfigureAwait(false) is { } scheme)
        {
            var result = await context.AuthenticateAsync(scheme.Name).ConfigureAwait(false);
            if (result.Principal is not null)
            {
                context.User = result.Principal;
            }

            if (result.Succeeded)
            {
                var features = new AuthenticatedFeatures(result);
                context.Features.Set<IHttpAuthenticationFeature>(features);
                context.Features.Set<IAuthenticateResultFeature>(features);
            }
        }

        await next(context).ConfigureAwait(false);
    }

    /// <summary>What the standard middleware records for a successful authentication (its own type is internal).</summary>
    /// <remarks><see cref="HttpContext.User"/> reads this feature's <see cref="User"/>, so it keeps its own copy.</remarks>
    private sealed class AuthenticatedFeatures(AuthenticateResult result) : IHttpAuthenticationFeature, IAuthenticateResultFeature
    {
        private AuthenticateResult? _result = result;
        private ClaimsPrincipal? _user = result.Principal;

        public AuthenticateResult? AuthenticateResult
        {
            get => _result;
            set
            {
                _result = value;
                _user = value?.Principal;
            }
        }

        public ClaimsPrincipal? User
        {
            get => _user;
            set
            {
                // Like the standard middleware's: a new user makes the stored result stale.
                _user = value;
                _result = null;
            }
        }
    }
}

/// <summary>Registers <see cref="ApiAuthenticationMiddleware"/> in place of <c>UseAuthentication</c>.</summary>
internal static class ApiAuthenticationExtensions
{
    // The key UseAuthentication sets; without it WebApplication adds the standard middleware at the pipeline's start.
    private const string AuthenticationMiddlewareSetKey = "__AuthenticationMiddlewareSet";

    public static IApplicationBuilder UseCemAuthentication(this IApplicationBuilder app)
    {
        app.Properties[AuthenticationMiddlewareSetKey] = true;
        return app.UseMiddleware<ApiAuthenticationMiddleware>();
    }
}
