using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace CemOnPrem.Surveys.Respondent;

/// <summary>
/// The page's HTML encoder: markup characters (&lt; &gt; &amp; " ') always encoded, letters of every script left as they
/// are (<see cref="HtmlEncoder.Default"/> would turn every Chinese character into an entity: three times the bytes).
/// </summary>
internal static class RespondentEncoding
{
    public static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);
}
