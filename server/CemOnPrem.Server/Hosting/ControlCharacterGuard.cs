using System.Buffers;
using System.Text;
using CemOnPrem.Contracts.Text;
using CemOnPrem.Contracts.Problems;
using CemOnPrem.Http.Problems;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace CemOnPrem.Server.Hosting;

/// <summary>
/// Refuses, before anything reads them, requests whose path, query string, headers or form fields hold a control
/// character that <see cref="InputText"/> forbids: 400 problem+json naming the parameter. Runs ahead of
/// authentication, so OpenIddict (<c>/connect/*</c>), antiforgery and the login form never see such a form, and a
/// NUL never reaches PostgreSQL. The path, query values and headers are names and identifiers (no control
/// characters at all; tab allowed in headers as HTTP allows it); form fields may be free text (tab, CR, LF).
/// Url-encoded forms must be UTF-8 (another charset is a 415); multipart forms are read by the framework and their
/// decoded field names, values and file names checked; Basic credentials are checked after base64 and percent decoding.
/// </summary>
internal static class ControlCharacterGuard
{
    /// <summary>Forms here are sign-in and token requests: a few hundred bytes.</summary>
    public const int MaxFormBytes = 64 * 1024;

    public static IApplicationBuilder UseControlCharacterGuard(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (!HasUtf8Charset(context.Request))
            {
                await Problem.Invalid("Content-Type", "a form must be UTF-8 encoded: send no charset or charset=utf-8.", StatusCodes.Status415UnsupportedMediaType, ProblemTypes.UnsupportedMediaType)
                    .ExecuteAsync(context).ConfigureAwait(false);
                return;
            }

            if (await FindAsync(context.Request).ConfigureAwait(false) is { } fault)
            {
                await Problem.Invalid(fault.Field, fault.Message).ExecuteAsync(context).ConfigureAwait(false);
                return;
            }

            await next(context).ConfigureAwait(false);
        });

    internal static async Task<(string Field, string Message)?> FindAsync(HttpRequest request)
    {
        if (InputText.FirstForbidden(request.Path.Value, allowLineBreaks: false) >= 0)
        {
            return ("path", InputText.SingleLineRule);
        }

        foreach (var (name, values) in request.Query)
        {
            if (InputText.FirstForbidden(name, allowLineBreaks: false) >= 0)
            {
                return ("query", "a parameter name " + InputText.SingleLineRule);
            }

            if (values.Any(value => InputText.FirstForbidden(value, allowLineBreaks: false) >= 0))
            {
                return (name, InputText.SingleLineRule);
            }
        }

        foreach (var (name, values) in request.Headers)
        {
            if (values.Any(value => !IsCleanHeaderValue(value)))
            {
                return ("header " + name, InputText.SingleLineRule);
            }
        }

        if (BasicCredentialsCheck.IsForbidden(request.Headers.Authorization))
        {
            return ("header " + HeaderNames.Authorization, "the Basic credentials " + InputText.SingleLineRule);
        }

        if (IsMultipartForm(request))
        {
            return await FindInMultipartFormAsync(request).ConfigureAwait(false);
        }

        return IsUrlEncodedForm(request) ? await FindInFormAsync(request).ConfigureAwait(false) : null;
    }

    /// <summary>
    /// Multipart forms are read by the framework itself (it decodes each part as its own headers say, so the guard
    /// sees what the login page will see) and stay cached on the request for every later reader.
    /// </summary>
    private static async Task<(string Field, string Message)?> FindInMultipartFormAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxFormBytes)
        {
            return ("body", $"a form may be at most {MaxFormBytes / 1024} KiB.");
        }

        // Same bound as url-encoded forms, also for chunked bodies that announce no length: the whole body is buffered
        // up to the limit (the multipart limit alone bounds each part, not the form).
        request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions
        {
            BufferBody = true,
            BufferBodyLengthLimit = MaxFormBytes,
            MemoryBufferThreshold = MaxFormBytes,
            MultipartBodyLengthLimit = MaxFormBytes,
        }));
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
        {
            return ("body", "is not a readable multipart form.");
        }

        foreach (var (name, values) in form)
        {
            if (InputText.FirstForbidden(name, allowLineBreaks: false) >= 0)
            {
                return ("form", "a field name " + InputText.SingleLineRule);
            }

            if (values.Any(value => InputText.FirstForbidden(value, allowLineBreaks: true) >= 0))
            {
                return (name, InputText.FreeTextRule);
            }
        }

        foreach (var file in form.Files)
        {
            if (InputText.FirstForbidden(file.Name, allowLineBreaks: false) >= 0)
            {
                return ("form", "a field name " + InputText.SingleLineRule);
            }

            if (InputText.FirstForbidden(file.FileName, allowLineBreaks: false) >= 0)
            {
                return (file.Name, "a file name " + InputText.SingleLineRule);
            }
        }

        return null;
    }

    /// <summary>
    /// Reads the form as raw text (buffered, so OpenIddict and the login page read it again afterwards): the framework's
    /// form reader itself throws on some of these characters, which is the 500 this guard replaces.
    /// </summary>
    private static async Task<(string Field, string Message)?> FindInFormAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxFormBytes)
        {
            return ("body", $"a form may be at most {MaxFormBytes / 1024} KiB.");
        }

        request.EnableBuffering();
        // Pooled: this runs before the rate limiter, so a flood of forms must not cost a large allocation each.
        var buffer = ArrayPool<char>.Shared.Rent(MaxFormBytes + 1);
        try
        {
            int read;
            using (var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 4096, leaveOpen: true))
            {
                read = await reader.ReadBlockAsync(buffer.AsMemory(0, MaxFormBytes + 1), request.HttpContext.RequestAborted).ConfigureAwait(false);
            }

            request.Body.Position = 0;
            return read > MaxFormBytes ? ("body", $"a form may be at most {MaxFormBytes / 1024} KiB.") : FindInFields(new string(buffer, 0, read));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static (string Field, string Message)? FindInFields(string form)
    {
        foreach (var pair in form.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Decode(pair[(equals + 1)..]);
            if (InputText.FirstForbidden(name, allowLineBreaks: false) >= 0)
            {
                return ("form", "a field name " + InputText.SingleLineRule);
            }

            if (InputText.FirstForbidden(value, allowLineBreaks: true) >= 0)
            {
                return (name, InputText.FreeTextRule);
            }
        }

        return null;
    }

    private static string Decode(string component) => Uri.UnescapeDataString(component.Replace('+', ' '));

    // HTTP allows horizontal tabs inside header values; nothing else below U+0020.
    private static bool IsCleanHeaderValue(string? value) => InputText.FirstForbidden(value?.Replace('\t', ' '), allowLineBreaks: false) < 0;

    private static bool IsUrlEncodedForm(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type) &&
        type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);

    private static bool IsMultipartForm(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type) &&
        type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The guard reads url-encoded forms as UTF-8, but the framework's form reader honours a charset parameter
    /// (with iso-8859-1, <c>%85</c> becomes the C1 control U+0085). OAuth and the login page are UTF-8 only, so a
    /// url-encoded form naming any other charset is refused rather than read two ways.
    /// </summary>
    private static bool HasUtf8Charset(HttpRequest request)
    {
        if (!IsUrlEncodedForm(request) || !MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || type.Charset.Value is not { } charset)
        {
            return true;
        }

        var name = charset.Trim('"');
        return name.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || name.Equals("utf8", StringComparison.OrdinalIgnoreCase);
    }
}
