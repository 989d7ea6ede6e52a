using System.Text;
using CemOnPrem.Contracts.Problems;
using CemOnPrem.Http.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace CemOnPrem.Cases.Calendars;

/// <summary>Reads an import file's body: CSV or iCalendar, UTF-8, at most <see cref="MaxBytes"/> (413 beyond, 415 for another type).</summary>
internal static class CalendarUpload
{
    /// <summary>Ten years of a country's holidays are a few kilobytes; a megabyte is room enough and bounds the parse.</summary>
    public const int MaxBytes = 1024 * 1024;

    public const string Csv = "text/csv";
    public const string Calendar = "text/calendar";

    public static async Task<(string? Text, string? MediaType, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) ||
            type.MediaType.Value?.ToLowerInvariant() is not (Csv or Calendar) ||
            (type.Charset.HasValue && !type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)))
        {
            return (null, null, Problem.Of(StatusCodes.Status415UnsupportedMediaType, ProblemTypes.UnsupportedMediaType, "Unsupported content type.",
                $"Content-Type '{request.ContentType}' is not accepted here; send {Csv} or {Calendar} (UTF-8)."));
        }

        if (request.ContentLength > MaxBytes)
        {
            return (null, null, TooLarge());
        }

        // Read one byte past the limit: a body without a length that goes on longer is refused, not buffered.
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes)
            {
                return (null, null, TooLarge());
            }
        }

        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
            return (text, type.MediaType.Value!.ToLowerInvariant(), null);
        }
        catch (DecoderFallbackException)
        {
            return (null, null, Problem.Invalid("body", "is not valid UTF-8."));
        }
    }

    private static ProblemHttpResult TooLarge() =>
        Problem.Of(StatusCodes.Status413PayloadTooLarge, ProblemTypes.TooLarge, "The calendar file is too large.",
            $"A calendar file may have at most {MaxBytes} bytes; split it by year.");
}
