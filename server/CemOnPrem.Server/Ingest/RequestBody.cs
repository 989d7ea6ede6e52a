using CemOnPrem.Server.Problems;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace CemOnPrem.Server.Ingest;

/// <summary>Reads a request body with our own size limit and media-type check, answering 413/415 as problem+json.</summary>
internal static class RequestBody
{
    public static async Task<(byte[]? Body, string? MediaType, ProblemHttpResult? Problem)> ReadAsync(
        HttpRequest request, int maxBytes, IReadOnlyList<string> mediaTypes, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType) ||
            !mediaTypes.Contains(contentType.MediaType.Value ?? "", StringComparer.OrdinalIgnoreCase) ||
            (contentType.Charset.HasValue && !contentType.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)))
        {
            return (null, null, Problem.Of(StatusCodes.Status415UnsupportedMediaType, ProblemTypes.UnsupportedMediaType,
                "Unsupported content type.",
                $"Content-Type '{request.ContentType}' is not accepted here; send {string.Join(" or ", mediaTypes)} (UTF-8)."));
        }

        if (request.ContentLength > maxBytes)
        {
            return (null, null, TooLarge(maxBytes));
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes + 1L;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return (null, null, TooLarge(maxBytes));
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, null, TooLarge(maxBytes));
        }

        return (buffer.ToArray(), contentType.MediaType.Value!.ToLowerInvariant(), null);
    }

    public static ProblemHttpResult TooLarge(int maxBytes) =>
        Problem.Of(StatusCodes.Status413PayloadTooLarge, ProblemTypes.TooLarge, "The request body is too large.",
            $"The body exceeds {maxBytes} bytes (Cem:Ingest limits); split it into smaller requests.");
}
