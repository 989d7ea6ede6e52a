using CemOnPrem.Contracts.Customers;
using CemOnPrem.Sdk;
using CemOnPrem.Sdk.Engine.Surveys;
using CemOnPrem.Sdk.Surveys;
using CemOnPrem.Storage.Events;

namespace CemOnPrem.Surveys.Responses;

/// <summary>
/// The feedback event of a finished response (docs/surveys.md, "Responses and what they feed"): source <c>survey</c>,
/// event id = response id, kind <c>feedback</c>, one score per answered scale question and matrix row under its
/// <c>scoreKey</c>, the invitation's touchpoint and org unit, the survey and journey as attributes, and no text: the
/// free text stays in <c>survey_answers</c>, encrypted, where the customer's erasure finds it.
/// </summary>
internal static class FeedbackEvents
{
    public const string Source = "survey";

    public static string EventIdOf(Guid responseId) => responseId.ToString("D");

    public static NewEvent Build(FinishedResponse response, SurveyTemplate survey, IReadOnlyList<AnswerRow> answers, IReadOnlyList<CustomerIdentity> identities)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(survey);
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["survey"] = response.SurveyKey,
            ["surveyVersion"] = response.SurveyVersion,
        };
        if (response.Journey is { } journey)
        {
            attributes["journey"] = journey;
        }

        return new NewEvent(
            Source, EventIdOf(response.ResponseId), response.Region, EventKinds.Feedback, response.Touchpoint, response.OrgUnit, response.CompletedAt,
            identities, attributes, Scores(survey, answers), Text: null);
    }

    /// <summary>Scores by score key; two questions sharing a key (never in a valid survey) keep the first answer.</summary>
    public static IReadOnlyDictionary<string, double> Scores(SurveyTemplate survey, IReadOnlyList<AnswerRow> answers)
    {
        ArgumentNullException.ThrowIfNull(survey);
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var answer in answers.Where(a => a.Number is not null))
        {
            var question = survey.Questions.FirstOrDefault(q => q.Id == answer.QuestionId);
            var scoreKey = question?.Kind switch
            {
                QuestionKind.Scale => question.Scale?.ScoreKey,
                QuestionKind.Matrix => question.Rows.FirstOrDefault(r => r.Id == SurveyAnswerKeys.PartOf(answer.AnswerKey))?.ScoreKey,
                _ => null,
            };
            if (scoreKey is not null)
            {
                scores.TryAdd(scoreKey, answer.Number!.Value);
            }
        }

        return scores;
    }
}
