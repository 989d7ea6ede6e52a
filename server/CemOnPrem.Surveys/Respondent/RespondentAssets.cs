using Microsoft.Extensions.Options;

namespace CemOnPrem.Surveys.Respondent;

/// <summary>The page's stylesheet and the bank's logo, served by the product so the page makes no third-party request.</summary>
internal static class RespondentAssets
{
    public const string StylePath = "/s/assets/respondent.css";
    public const string LogoPath = "/s/assets/logo";

    public static IEndpointRouteBuilder MapRespondentAssets(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(StylePath, Style).AllowAnonymous().ExcludeFromDescription();
        routes.MapGet(LogoPath, Logo).AllowAnonymous().ExcludeFromDescription();
        return routes;
    }

    public static string? ContentTypeOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".png" => "image/png",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".svg" => "image/svg+xml",
        _ => null,
    };

    private static IResult Style(HttpContext http)
    {
        // The same for every respondent and carrying nothing personal: browsers may keep it for a day.
        http.Response.Headers.CacheControl = "public, max-age=86400";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Text(RespondentStyle.Css, "text/css; charset=utf-8");
    }

    private static IResult Logo(HttpContext http, IOptions<RespondentOptions> options)
    {
        var path = options.Value.LogoPath;
        if (path.Length == 0 || ContentTypeOf(path) is not { } type || !File.Exists(path))
        {
            return Results.NotFound();
        }

        http.Response.Headers.CacheControl = "public, max-age=86400";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        // An SVG opened on its own must not run script.
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; sandbox";
        return Results.File(path, type);
    }
}
