using System.Security.Claims;
using System.Text.Encodings.Web;
using CemOnPrem.Identity.Auditing;
using CemOnPrem.Identity.Federation;
using CemOnPrem.Identity.Hosting;
using CemOnPrem.Identity.Throttling;
using CemOnPrem.Identity.Users;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CemOnPrem.Identity.Endpoints;

/// <summary>
/// <c>/account/login</c>: a plain server-rendered form (user name, password, one-time code). On success it sets
/// the login cookie and returns to the authorization request that sent the person here.
/// </summary>
public static class LoginPage
{
    public const string Path = "/account/login";

    internal static IEndpointRouteBuilder MapLoginPage(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(Path, Show).WithName("LoginForm").AllowAnonymous().ExcludeFromDescription();
        routes.MapPost(Path, SubmitAsync).WithName("LoginSubmit").AllowAnonymous().ExcludeFromDescription();
        routes.MapFederation();
        return routes;
    }

    internal static IResult Show(HttpContext http, IAntiforgery antiforgery, string? returnUrl) =>
        IsAuthorizationRequest(returnUrl)
            ? Page(http, antiforgery, returnUrl!, null, StatusCodes.Status200OK)
            : Results.Text("The login page is reached from an authorization request (/connect/authorize).", "text/plain", statusCode: StatusCodes.Status400BadRequest);

    internal static async Task<IResult> SubmitAsync(HttpContext http, IAntiforgery antiforgery, PasswordSignIn signIn, SignInAudit audit)
    {
        if (!http.Request.HasFormContentType)
        {
            return Results.Text("Expected a form post.", "text/plain", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        try
        {
            await antiforgery.ValidateRequestAsync(http).ConfigureAwait(false);
        }
        catch (AntiforgeryValidationException)
        {
            return Results.Text("The form expired or did not come from this server; reload the login page.", "text/plain", statusCode: StatusCodes.Status400BadRequest);
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
        var returnUrl = form["returnUrl"].ToString();
        if (!IsAuthorizationRequest(returnUrl))
        {
            return Results.Text("returnUrl: must be an authorization request of this server.", "text/plain", statusCode: StatusCodes.Status400BadRequest);
        }

        var userName = form["username"].ToString();
        var source = SourceAddress.KeyOf(http.Connection.RemoteIpAddress);
        var outcome = await signIn.CheckAsync(userName, form["password"].ToString(), form["code"].ToString(), source).ConfigureAwait(false);
        await audit.RecordAsync(http, userName, outcome).ConfigureAwait(false);
        if (outcome.Failure == SignInFailure.Throttled)
        {
            await RateLimitProblem.WriteAsync(http, outcome.RetryAfter ?? TimeSpan.FromMinutes(1)).ConfigureAwait(false);
            return Results.Empty;
        }

        if (outcome.User is not { } user)
        {
            return Page(http, antiforgery, returnUrl, FailedMessage, StatusCodes.Status401Unauthorized);
        }

        await SignInLocallyAsync(http, user).ConfigureAwait(false);
        return Results.Redirect(returnUrl);
    }

    /// <summary>The login cookie the authorization endpoint reads (password and federated sign-ins alike).</summary>
    internal static Task SignInLocallyAsync(HttpContext http, CemUser user)
    {
        var identity = new ClaimsIdentity(LoginCookie.Scheme, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, user.Id));
        identity.AddClaim(new Claim(Claims.Name, user.UserName!));
        return http.SignInAsync(LoginCookie.Scheme, new ClaimsPrincipal(identity));
    }

    internal static bool IsAuthorizationRequest(string? returnUrl) =>
        returnUrl is not null && returnUrl.StartsWith("/connect/authorize?", StringComparison.Ordinal) && !returnUrl.Contains('\\', StringComparison.Ordinal);

    /// <summary>
    /// Every refused sign-in gets these words, whatever the reason (unknown user, wrong password, missing or wrong or
    /// reused code, locked, disabled, no second factor enrolled): any difference would tell a guesser that a name exists
    /// or that a password was right. The audit trail keeps the reason for administrators.
    /// </summary>
    internal const string FailedMessage = "Sign-in failed. Check your user name, password and one-time code (if your role needs one), or try again later.";

    private static IResult Page(HttpContext http, IAntiforgery antiforgery, string returnUrl, string? error, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var html = HtmlEncoder.Default;
        var providers = http.RequestServices.GetRequiredService<IOptions<CemIdentityOptions>>().Value.Federation;
        var external = string.Concat(providers.Select(provider =>
            $"<p><a class=\"federated\" href=\"{html.Encode(FederationEndpoints.StartPath + "/" + Uri.EscapeDataString(provider.Key) + "?returnUrl=" + Uri.EscapeDataString(returnUrl))}\">" +
            $"Sign in with {html.Encode(FederationSetup.DisplayName(provider.Key, provider.Value))}</a></p>"));
        var message = error is null ? "" : $"<p class=\"error\" role=\"alert\">{html.Encode(error)}</p>";
        var body = $$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Sign in · CemOnPrem</title>
            <style>body{font-family:sans-serif;max-width:22rem;margin:4rem auto}label{display:block;margin:.8rem 0 .2rem}input{width:100%}.error{color:#a00}</style>
            </head><body>
            <h1>Sign in</h1>
            {{message}}
            <form method="post" action="{{Path}}">
            <input type="hidden" name="{{html.Encode(tokens.FormFieldName)}}" value="{{html.Encode(tokens.RequestToken ?? "")}}">
            <input type="hidden" name="returnUrl" value="{{html.Encode(returnUrl)}}">
            <label for="username">User name</label><input id="username" name="username" autocomplete="username" required>
            <label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
            <label for="code">One-time code (if your role needs one)</label><input id="code" name="code" inputmode="numeric" autocomplete="one-time-code">
            <p><button type="submit">Sign in</button></p>
            </form>
            {{external}}
            </body></html>
            """;
        return Results.Content(body, "text/html; charset=utf-8", statusCode: status);
    }
}
