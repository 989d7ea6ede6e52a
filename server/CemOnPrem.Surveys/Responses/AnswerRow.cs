using System.Globalization;
using CemOnPrem.Sdk.Engine.Surveys;
using CemOnPrem.Sdk.Surveys;

namespace CemOnPrem.Surveys.Responses;

/// <summary>
/// One answer key as <c>survey_answers</c> holds it: a number (scale, matrix row), the options picked (choice) or free
/// text (text answer, an option's "please specify"). Made only from answers <see cref="SurveyResponseValidation"/>
/// accepted, so the question and the value's shape are known.
/// </summary>
internal sealed record AnswerRow(string AnswerKey, string QuestionId, int? Number, string[]? Choices, string? Text)
{
    public static AnswerRow From(SurveyTemplate survey, string key, IReadOnlyList<string> values)
    {
        var questionId = SurveyAnswerKeys.QuestionOf(key);
        var question = survey.Questions.First(q => q.Id == questionId);
        return (question.Kind, SurveyAnswerKeys.PartOf(key)) switch
        {
            (QuestionKind.Scale or QuestionKind.Matrix, _) => new(key, questionId, int.Parse(values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture), null, null),
            (QuestionKind.Choice, null) => new(key, questionId, null, [.. values], null),
            _ => new(key, questionId, null, null, values[0]),
        };
    }

    public static IReadOnlyList<AnswerRow> From(SurveyTemplate survey, IReadOnlyDictionary<string, IReadOnlyList<string>> answers) =>
        [.. answers.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => From(survey, a.Key, a.Value))];

    /// <summary>The values as answers are keyed (<see cref="SurveyAnswerKeys"/>); null for a text whose key is gone.</summary>
    public IReadOnlyList<string>? Values =>
        Number is { } number ? [number.ToString(CultureInfo.InvariantCulture)]
        : Choices is { } choices ? choices
        : Text is { } text ? [text]
        : null;
}
