using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;

namespace CemOnPrem.Surveys.Respondent;

/// <summary>
/// Reads a respondent's form within limits: URL-encoded only, at most the configured bytes, few fields, and carrying a
/// valid antiforgery token (the cookie and the form's field must match; a form forged on another site, or posted
/// without the page's cookie, has none).
/// </summary>
internal static class RespondentFormBody
{
    /// <summary>A page has at most a few dozen fields; a matrix row each.</summary>
    private const int MaxFields = 500;

    /// <param name="Refusal">400 (antiforgery), 413 (too large) or 415 (not a form); null when <paramref name="Form"/> is read.</param>
    public sealed record Outcome(IFormCollection? Form, int? Refusal);

    public static async Task<Outcome> ReadAsync(HttpContext http, IAntiforgery antiforgery, int maxBytes, CancellationToken cancellationToken)
    {
        var request = http.Request;
        if (!request.HasFormContentType || request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) != true)
        {
            return new(null, StatusCodes.Status415UnsupportedMediaType);
        }

        if (request.ContentLength > maxBytes)
        {
            return new(null, StatusCodes.Status413PayloadTooLarge);
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }

        // Our own limits for this form (the server-wide defaults are far larger), set before anything reads it.
        http.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions
        {
            ValueCountLimit = MaxFields,
            KeyLengthLimit = 300,
            ValueLengthLimit = maxBytes,
            BufferBodyLengthLimit = maxBytes,
        }));
        try
        {
            var form = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
            await antiforgery.ValidateRequestAsync(http).ConfigureAwait(false);
            return new(form, null);
        }
        catch (AntiforgeryValidationException)
        {
            return new(null, StatusCodes.Status400BadRequest);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException)
        {
            return new(null, StatusCodes.Status413PayloadTooLarge);
        }
    }
}
