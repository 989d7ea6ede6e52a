using CemOnPrem.Identity.Auditing;
using CemOnPrem.Identity.Users;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CemOnPrem.Identity.Endpoints;

/// <summary>
/// <c>/connect/*</c>: the parts of the OpenID Connect flows that need our decisions (who signs in, what goes into
/// tokens). OpenIddict validates each request before it reaches these handlers, and serves discovery,
/// introspection and revocation itself.
/// </summary>
public static class ConnectApi
{
    public static IEndpointRouteBuilder MapConnectApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/connect").WithTags("Identity").AllowAnonymous().ExcludeFromDescription();
        group.MapMethods("/authorize", [HttpMethods.Get, HttpMethods.Post], (Delegate)AuthorizeAsync).WithName("Authorize");
        group.MapPost("/token", TokenAsync).WithName("Token");
        group.MapMethods("/logout", [HttpMethods.Get, HttpMethods.Post], (Delegate)LogoutAsync).WithName("Logout");
        routes.MapLoginPage();
        return routes;
    }

    internal static async Task<IResult> AuthorizeAsync(HttpContext http, TokenPrincipals principals)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("OpenIddict did not handle this request.");
        var login = await http.AuthenticateAsync(LoginCookie.Scheme).ConfigureAwait(false);
        var subject = login.Principal?.GetClaim(Claims.Subject);
        var principal = subject is null ? null : await principals.ForUserAsync(subject, request.GetScopes()).ConfigureAwait(false);
        if (principal is null)
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Forbid(Errors.LoginRequired, "The user is not signed in.");
            }

            await http.SignOutAsync(LoginCookie.Scheme).ConfigureAwait(false);
            var parameters = http.Request.HasFormContentType
                ? QueryString.Create((await http.Request.ReadFormAsync().ConfigureAwait(false)).Select(p => KeyValuePair.Create(p.Key, p.Value)))
                : http.Request.QueryString;
            return Results.Challenge(new AuthenticationProperties { RedirectUri = http.Request.PathBase + http.Request.Path + parameters }, [LoginCookie.Scheme]);
        }

        return Results.SignIn(principal, properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    internal static async Task<IResult> TokenAsync(HttpContext http, TokenPrincipals principals)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("OpenIddict did not handle this request.");
        System.Security.Claims.ClaimsPrincipal? principal;
        if (request.IsClientCredentialsGrantType())
        {
            principal = await principals.ForClientAsync(request.ClientId!, request.GetScopes(), http.RequestAborted).ConfigureAwait(false);
        }
        else if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            // Roles and scope are read again, so a refresh reflects changes and a disabled user gets nothing.
            var granted = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme).ConfigureAwait(false);
            var subject = granted.Principal?.GetClaim(Claims.Subject);
            principal = subject is null ? null : await principals.ForUserAsync(subject, granted.Principal!.GetScopes()).ConfigureAwait(false);
        }
        else
        {
            return Forbid(Errors.UnsupportedGrantType, "This grant type is not supported.");
        }

        return principal is null
            ? Forbid(Errors.InvalidGrant, "The user or client may no longer sign in.")
            : Results.SignIn(principal, properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    internal static async Task<IResult> LogoutAsync(HttpContext http, SignInAudit audit, Microsoft.AspNetCore.Identity.UserManager<CemUser> users)
    {
        var login = await http.AuthenticateAsync(LoginCookie.Scheme).ConfigureAwait(false);
        var subject = login.Principal?.GetClaim(Claims.Subject);
        var user = subject is null ? null : await users.FindByIdAsync(subject).ConfigureAwait(false);
        await audit.RecordLogoutAsync(http, user).ConfigureAwait(false);
        await http.SignOutAsync(LoginCookie.Scheme).ConfigureAwait(false);
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static IResult Forbid(string error, string description) =>
        Results.Forbid(
            new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
            }),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
