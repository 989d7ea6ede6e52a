using CemOnPrem.Contracts.Text;
using CemOnPrem.Server.Problems;
using Microsoft.Net.Http.Headers;

namespace CemOnPrem.Server.Hosting;

/// <summary>
/// Refuses, before anything reads them, requests whose path, query string, headers or form fields hold a control
/// character that <see cref="InputText"/> forbids: 400 problem+json naming the parameter. Runs ahead of
/// authentication, so OpenIddict (<c>/connect/*</c>), antiforgery and the login form never see such a form, and a
/// NUL never reaches PostgreSQL. The path, query values and headers are names and identifiers (no control
/// characters at all; tab allowed in headers as HTTP allows it); form fields may be free text (tab, CR, LF).
/// </summary>
internal static class ControlCharacterGuard
{
    public static IApplicationBuilder UseControlCharacterGuard(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
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
            if (values.Any(value => !OnlyTabs(value)))
            {
                return ("header " + name, InputText.SingleLineRule);
            }
        }

        if (!IsUrlEncodedForm(request))
        {
            return null;
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (InvalidDataException)
        {
            return ("body", "is not a valid form (application/x-www-form-urlencoded) or exceeds its limits.");
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

        return null;
    }

    // HTTP allows horizontal tabs inside header values; nothing else below U+0020.
    private static bool OnlyTabs(string? value) => InputText.FirstForbidden(value?.Replace('\t', ' '), allowLineBreaks: false) < 0;

    private static bool IsUrlEncodedForm(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type) &&
        type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
}
