namespace CemOnPrem.Surveys.Respondent;

/// <summary>
/// Headers of every respondent page: a CSP that allows only this server's stylesheet, images and (none but our own)
/// script, no framing, no referrer (the URL carries the link token), nothing kept in caches (a shared computer's
/// back button must not show someone's answers).
/// </summary>
internal static class RespondentHeaders
{
    public const string Policy =
        "default-src 'none'; style-src 'self'; img-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static void Apply(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = Policy;
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.XFrameOptions = "DENY";
    }

    /// <summary>An HTML page with the respondent headers and this status.</summary>
    public static IResult Page(HttpContext http, string html, int status)
    {
        Apply(http.Response);
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }
}
