using System.Text.Encodings.Web;
using CemOnPrem.Identity.Endpoints;
using CemOnPrem.Identity.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenIddict.Client.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CemOnPrem.Identity.Federation;

/// <summary>
/// <c>GET /account/login/external/{provider}</c> sends the person to the bank's IdP; <c>/callback/login/{provider}</c>
/// receives them back (OpenIddict has validated state, code and identity token by then), signs them in locally
/// and resumes the authorization request they came from, so the normal code flow continues.
/// </summary>
internal static class FederationEndpoints
{
    public const string StartPath = "/account/login/external";

    public static IEndpointRouteBuilder MapFederation(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(StartPath + "/{provider}", Start).WithName("FederatedLoginStart").AllowAnonymous().ExcludeFromDescription();
        routes.MapMethods("/" + FederationSetup.CallbackPrefix + "{provider}", [HttpMethods.Get, HttpMethods.Post], (Delegate)CallbackAsync)
            .WithName("FederatedLoginCallback").AllowAnonymous().ExcludeFromDescription();
        return routes;
    }

    internal static IResult Start(string provider, string? returnUrl, IOptions<CemIdentityOptions> options)
    {
        if (!options.Value.Federation.ContainsKey(provider))
        {
            return Results.Text($"No identity provider '{provider}' is configured (Cem:Identity:Federation).", "text/plain", statusCode: StatusCodes.Status404NotFound);
        }

        if (!LoginPage.IsAuthorizationRequest(returnUrl))
        {
            return Results.Text("returnUrl: must be an authorization request of this server.", "text/plain", statusCode: StatusCodes.Status400BadRequest);
        }

        var properties = new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictClientAspNetCoreConstants.Properties.ProviderName] = provider,
        })
        {
            RedirectUri = returnUrl,
        };
        return Results.Challenge(properties, [OpenIddictClientAspNetCoreDefaults.AuthenticationScheme]);
    }

    internal static async Task<IResult> CallbackAsync(HttpContext http, string provider, IOptions<CemIdentityOptions> options, IServiceProvider services)
    {
        if (!options.Value.Federation.TryGetValue(provider, out var settings))
        {
            return Results.Text($"No identity provider '{provider}' is configured (Cem:Identity:Federation).", "text/plain", statusCode: StatusCodes.Status404NotFound);
        }

        var result = await http.AuthenticateAsync(OpenIddictClientAspNetCoreDefaults.AuthenticationScheme).ConfigureAwait(false);
        var returnUrl = result.Properties?.RedirectUri;
        if (!result.Succeeded || result.Principal is null || !LoginPage.IsAuthorizationRequest(returnUrl)
            || !string.Equals(result.Principal.FindFirst(Claims.Private.ProviderName)?.Value, provider, StringComparison.Ordinal))
        {
            return Page("The sign-in at the identity provider failed or expired. Go back to the application and start again.", StatusCodes.Status400BadRequest);
        }

        var signIn = services.GetRequiredService<FederatedSignIn>();
        var (user, refusal) = await signIn.SignInAsync(http, provider, result.Principal).ConfigureAwait(false);
        if (user is null)
        {
            return Page(Explain(refusal!, FederationSetup.DisplayName(provider, settings)), StatusCodes.Status403Forbidden);
        }

        await LoginPage.SignInLocallyAsync(http, user).ConfigureAwait(false);
        return Results.Redirect(returnUrl!);
    }

    private static string Explain(string refusal, string provider) => refusal switch
    {
        "not-linked" => $"Your {provider} account is not linked to a CemOnPrem user. Ask an administrator to link it (cemctl users link).",
        "no-mapped-role" => $"None of your {provider} groups gives a CemOnPrem role. Ask an administrator to add you to a mapped group.",
        "no-mapped-scope" => $"None of your {provider} groups gives you org units and regions to work in. Ask an administrator.",
        "email-domain" => $"Your {provider} account's e-mail domain may not sign in here.",
        "disabled" => "This CemOnPrem user is disabled or locked.",
        "no-mfa" => $"Your {provider} sign-in did not use a second factor, which your CemOnPrem role requires. Sign in again at {provider} with your second factor.",
        _ => $"{provider} did not say who you are.",
    };

    private static IResult Page(string message, int status)
    {
        var body = $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Sign in · CemOnPrem</title></head>
            <body><h1>Sign-in refused</h1><p role="alert">{HtmlEncoder.Default.Encode(message)}</p></body></html>
            """;
        return Results.Content(body, "text/html; charset=utf-8", statusCode: status);
    }
}
