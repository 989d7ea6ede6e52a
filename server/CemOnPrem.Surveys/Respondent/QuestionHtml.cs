using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using CemOnPrem.Sdk.Engine.Surveys;
using CemOnPrem.Sdk.Surveys;

namespace CemOnPrem.Surveys.Respondent;

/// <summary>
/// One question as plain HTML form controls: a fieldset with its legend for every group of radios or checkboxes, a
/// label for every text field, errors tied to their fields (aria-describedby). Every text is HTML-encoded: survey
/// texts come from packs and admins, values from respondents.
/// </summary>
internal static class QuestionHtml
{
    private static readonly HtmlEncoder Html = RespondentEncoding.Html;

    public static void Render(StringBuilder html, SurveyQuestion question, string language, PageTexts texts,
        IReadOnlyDictionary<string, IReadOnlyList<string>> answers, IReadOnlyDictionary<string, string> errors)
    {
        var title = Html.Encode(LocalText.Of(question.Text, language)) + (question.Required ? $" <span class=\"req\">({Html.Encode(texts.Required)})</span>" : "");
        switch (question.Kind)
        {
            case QuestionKind.Scale:
                Fieldset(html, question.Id, title, errors, () => Scale(html, question.Id, question.Scale!, language, answers, errors));
                break;
            case QuestionKind.Matrix:
                Fieldset(html, question.Id, title, errors, () => Matrix(html, question, language, answers, errors));
                break;
            case QuestionKind.Choice:
                Fieldset(html, question.Id, title, errors, () => Choices(html, question, language, texts, answers, errors));
                break;
            default:
                var id = FieldId(question.Id);
                html.Append(CultureInfo.InvariantCulture, $"<div class=\"q\" id=\"q-{id}\"><label class=\"qt\" for=\"{id}\">{title}</label>");
                Error(html, question.Id, errors);
                html.Append(CultureInfo.InvariantCulture, $"<textarea id=\"{id}\" name=\"{Field(question.Id)}\" rows=\"4\" maxlength=\"{SurveyResponseValidation.MaxTextLength}\"{Described(question.Id, errors)}>")
                    .Append(Html.Encode(Value(answers, question.Id))).Append("</textarea></div>");
                break;
        }
    }

    /// <summary>The form field of an answer key (a prefix keeps answers apart from the form's own fields).</summary>
    public static string Field(string key) => "a." + Html.Encode(key);

    /// <summary>An element id for an answer key ('/' and other characters are not welcome in ids and selectors).</summary>
    public static string FieldId(string key) => "f-" + Convert.ToHexString(Encoding.UTF8.GetBytes(key)).ToLowerInvariant();

    private static void Fieldset(StringBuilder html, string key, string legend, IReadOnlyDictionary<string, string> errors, Action body)
    {
        html.Append(CultureInfo.InvariantCulture, $"<fieldset class=\"q\" id=\"q-{FieldId(key)}\"{Described(key, errors)}><legend class=\"qt\">{legend}</legend>");
        Error(html, key, errors);
        body();
        html.Append("</fieldset>");
    }

    private static void Scale(StringBuilder html, string key, ScaleSpec scale, string language,
        IReadOnlyDictionary<string, IReadOnlyList<string>> answers, IReadOnlyDictionary<string, string> errors)
    {
        var chosen = Value(answers, key);
        html.Append("<div class=\"scale\">");
        for (var value = scale.Minimum; value <= scale.Maximum; value++)
        {
            var text = value.ToString(CultureInfo.InvariantCulture);
            var id = FieldId(key) + "-" + text;
            html.Append(CultureInfo.InvariantCulture,
                $"<span class=\"pt\"><input type=\"radio\" id=\"{id}\" name=\"{Field(key)}\" value=\"{text}\"{Checked(chosen == text)}{Described(key, errors)}><label for=\"{id}\">{text}</label></span>");
        }

        html.Append("</div>");
        var (low, high) = (LocalText.Of(scale.MinimumLabel, language), LocalText.Of(scale.MaximumLabel, language));
        if (low.Length + high.Length > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"ends\"><span>{scale.Minimum} = {Html.Encode(low)}</span><span>{scale.Maximum} = {Html.Encode(high)}</span></div>");
        }
    }

    private static void Matrix(StringBuilder html, SurveyQuestion question, string language,
        IReadOnlyDictionary<string, IReadOnlyList<string>> answers, IReadOnlyDictionary<string, string> errors)
    {
        var scale = question.Scale!;
        var values = Enumerable.Range(scale.Minimum, scale.Maximum - scale.Minimum + 1).Select(v => v.ToString(CultureInfo.InvariantCulture)).ToList();
        html.Append("<div class=\"mx\"><table><thead><tr><td></td>");
        values.ForEach(v => html.Append(CultureInfo.InvariantCulture, $"<th scope=\"col\">{v}</th>"));
        html.Append("</tr></thead><tbody>");
        foreach (var row in question.Rows)
        {
            var key = SurveyAnswerKeys.Part(question.Id, row.Id);
            var rowId = FieldId(key);
            var chosen = Value(answers, key);
            var rowLabel = Html.Encode(LocalText.Of(row.Text, language));
            html.Append(CultureInfo.InvariantCulture, $"<tr{(errors.ContainsKey(key) ? " class=\"bad\"" : "")}><th scope=\"row\" id=\"{rowId}\">{rowLabel}");
            Error(html, key, errors);
            html.Append("</th>");
            foreach (var v in values)
            {
                html.Append(CultureInfo.InvariantCulture,
                    $"<td><input type=\"radio\" name=\"{Field(key)}\" value=\"{v}\" aria-label=\"{rowLabel} {v}\"{Checked(chosen == v)}{Described(key, errors)}></td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table></div>");
        var (low, high) = (LocalText.Of(scale.MinimumLabel, language), LocalText.Of(scale.MaximumLabel, language));
        if (low.Length + high.Length > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"ends\"><span>{scale.Minimum} = {Html.Encode(low)}</span><span>{scale.Maximum} = {Html.Encode(high)}</span></div>");
        }
    }

    private static void Choices(StringBuilder html, SurveyQuestion question, string language, PageTexts texts,
        IReadOnlyDictionary<string, IReadOnlyList<string>> answers, IReadOnlyDictionary<string, string> errors)
    {
        var picked = answers.TryGetValue(question.Id, out var values) ? values : [];
        var type = question.MultipleAnswers ? "checkbox" : "radio";
        foreach (var choice in question.Choices)
        {
            var id = FieldId(question.Id) + "-" + FieldId(choice.Id);
            html.Append(CultureInfo.InvariantCulture,
                $"<div class=\"opt\"><input type=\"{type}\" id=\"{id}\" name=\"{Field(question.Id)}\" value=\"{Html.Encode(choice.Id)}\"{Checked(picked.Contains(choice.Id))}{Described(question.Id, errors)}><label for=\"{id}\">{Html.Encode(LocalText.Of(choice.Text, language))}</label>");
            if (choice.AsksForText)
            {
                var key = SurveyAnswerKeys.Part(question.Id, choice.Id);
                Error(html, key, errors);
                html.Append(CultureInfo.InvariantCulture,
                    $"<label class=\"sub\" for=\"{FieldId(key)}\">{Html.Encode(texts.Other)}</label><input type=\"text\" id=\"{FieldId(key)}\" name=\"{Field(key)}\" maxlength=\"{SurveyResponseValidation.MaxTextLength}\" value=\"{Html.Encode(Value(answers, key))}\"{Described(key, errors)}>");
            }

            html.Append("</div>");
        }
    }

    private static void Error(StringBuilder html, string key, IReadOnlyDictionary<string, string> errors)
    {
        if (errors.TryGetValue(key, out var message))
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"err\" id=\"e-{FieldId(key)}\">{Html.Encode(message)}</p>");
        }
    }

    private static string Described(string key, IReadOnlyDictionary<string, string> errors) =>
        errors.ContainsKey(key) ? $" aria-describedby=\"e-{FieldId(key)}\" aria-invalid=\"true\"" : "";

    private static string Checked(bool yes) => yes ? " checked" : "";

    private static string Value(IReadOnlyDictionary<string, IReadOnlyList<string>> answers, string key) =>
        answers.TryGetValue(key, out var values) && values.Count > 0 ? values[0] : "";
}
