using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace CemOnPrem.Surveys.Respondent;

/// <summary>
/// The frame of every respondent page: the bank's name and logo, the language switch, the content. No inline script or
/// style (the CSP forbids both), the stylesheet and logo come from this server.
/// </summary>
internal static class RespondentHtml
{
    private static readonly HtmlEncoder Html = RespondentEncoding.Html;

    /// <param name="switches">Other languages the page exists in: (language, link).</param>
    public static string Document(RespondentOptions options, PageTexts texts, string language, string title, string content,
        IReadOnlyList<(string Language, string Href)> switches)
    {
        var html = new StringBuilder(4096);
        html.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html><html lang=\"{Html.Encode(language)}\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"referrer\" content=\"no-referrer\">")
            .Append(CultureInfo.InvariantCulture, $"<title>{Html.Encode(title)} · {Html.Encode(options.BrandName)}</title>")
            .Append(CultureInfo.InvariantCulture, $"<link rel=\"stylesheet\" href=\"{RespondentAssets.StylePath}\"></head><body><header class=\"brand\">");
        if (options.LogoPath.Length > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<img src=\"{RespondentAssets.LogoPath}\" alt=\"\" class=\"logo\">");
        }

        html.Append(CultureInfo.InvariantCulture, $"<span class=\"bank\">{Html.Encode(options.BrandName)}</span>");
        if (switches.Count > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<nav class=\"lang\" aria-label=\"{Html.Encode(texts.LanguageSwitch)}\">");
            foreach (var (other, href) in switches)
            {
                html.Append(CultureInfo.InvariantCulture, $"<a href=\"{Html.Encode(href)}\" lang=\"{Html.Encode(other)}\" hreflang=\"{Html.Encode(other)}\">{Html.Encode(NameOf(other))}</a>");
            }

            html.Append("</nav>");
        }

        html.Append("</header><main>").Append(content).Append("</main></body></html>");
        return html.ToString();
    }

    /// <summary>A page that only says something (unknown link, expired, thank you, a refused form).</summary>
    public static string Message(RespondentOptions options, PageTexts texts, string title, string message,
        IReadOnlyList<(string Language, string Href)>? switches = null) =>
        Document(options, texts, texts.Language, title,
            $"<h1>{Html.Encode(title)}</h1><p class=\"msg\">{Html.Encode(message)}</p>", switches ?? []);

    /// <summary>A language's name in itself, so a reader finds their own.</summary>
    public static string NameOf(string language) => language.ToLowerInvariant() switch
    {
        "zh" or "zh-cn" or "zh-hans" => "中文",
        "en" => "English",
        _ => language,
    };
}
