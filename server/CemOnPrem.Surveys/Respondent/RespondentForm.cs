using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using CemOnPrem.Sdk.Surveys;

namespace CemOnPrem.Surveys.Respondent;

/// <summary>One page of a survey as a plain form: an error summary on top, the page's shown questions, one button.</summary>
internal static class RespondentForm
{
    private static readonly HtmlEncoder Html = RespondentEncoding.Html;

    /// <param name="errors">Messages by answer key, in the page's language.</param>
    public static string Content(SurveyTemplate survey, IReadOnlyList<SurveyQuestion> questions, string token, int page, int pageNumber, int pageCount,
        bool last, string language, PageTexts texts, IReadOnlyDictionary<string, IReadOnlyList<string>> answers,
        IReadOnlyDictionary<string, string> errors, string antiforgeryField, string antiforgeryToken)
    {
        var html = new StringBuilder(4096);
        html.Append(CultureInfo.InvariantCulture, $"<h1>{Html.Encode(LocalText.Of(survey.Name, language))}</h1>");
        if (pageCount > 1)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"progress\">{Html.Encode(string.Format(CultureInfo.InvariantCulture, texts.Progress, pageNumber, pageCount))}</p>");
        }

        if (errors.Count > 0)
        {
            // Read out first and reachable by keyboard: each entry jumps to its field.
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"summary\" role=\"alert\" aria-labelledby=\"summary-title\"><h2 id=\"summary-title\">{Html.Encode(texts.ErrorSummary)}</h2><ul>");
            foreach (var (key, message) in errors)
            {
                var question = questions.FirstOrDefault(q => q.Id == Sdk.Engine.Surveys.SurveyAnswerKeys.QuestionOf(key));
                var label = question is null ? "" : LocalText.Of(question.Text, language) + ": ";
                html.Append(CultureInfo.InvariantCulture, $"<li><a href=\"#q-{QuestionHtml.FieldId(question?.Id ?? key)}\">{Html.Encode(label + message)}</a></li>");
            }

            html.Append("</ul></div>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"/s/{Html.Encode(token)}\" novalidate>")
            .Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"{Html.Encode(antiforgeryField)}\" value=\"{Html.Encode(antiforgeryToken)}\">")
            .Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"{RespondentAnswers.PageField}\" value=\"{page}\">")
            .Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"{RespondentAnswers.LanguageField}\" value=\"{Html.Encode(language)}\">");
        foreach (var question in questions)
        {
            QuestionHtml.Render(html, question, language, texts, answers, errors);
        }

        html.Append(CultureInfo.InvariantCulture, $"<button type=\"submit\">{Html.Encode(last ? texts.Submit : texts.Next)}</button></form>");
        return html.ToString();
    }
}
