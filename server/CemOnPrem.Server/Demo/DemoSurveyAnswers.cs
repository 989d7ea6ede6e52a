using System.Globalization;
using CemOnPrem.Sdk.Engine.Surveys;
using CemOnPrem.Sdk.Surveys;

namespace CemOnPrem.Server.Demo;

/// <summary>
/// Realistic answers for the demo: question by question in order (each shown question answered, as a respondent would),
/// about one respondent in four a detractor (so the branches asked of detractors are answered too), free text in the
/// invitation's language. Seeded by the invitation, so a restart answers the same way.
/// </summary>
internal static class DemoSurveyAnswers
{
    private static readonly string[] Zh = ["排队等了很久，希望增加窗口。", "工作人员很耐心，解释得很清楚。", "手机银行转账有时会失败。", "手续费太高了。"];
    private static readonly string[] En = ["The queue was long; please open more counters.", "Very patient staff, clear explanations.", "Mobile transfers sometimes fail.", "The fees are too high."];

    public static Dictionary<string, IReadOnlyList<string>> For(SurveyTemplate survey, IReadOnlyDictionary<string, string> attributes, string language, int seed)
    {
        ArgumentNullException.ThrowIfNull(survey);
        var random = new Random(seed);
        var detractor = random.Next(4) == 0;
        var texts = language.StartsWith("zh", StringComparison.Ordinal) ? Zh : En;
        var answers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var question in survey.Questions)
        {
            // Conditions refer to earlier questions only: what is answered so far decides whether this one is shown.
            if (!SurveyBranching.VisibleQuestions(survey, answers, attributes).Contains(question))
            {
                continue;
            }

            switch (question.Kind)
            {
                case QuestionKind.Scale when question.Scale is { } scale:
                    answers[question.Id] = [Score(scale, detractor, random)];
                    break;
                case QuestionKind.Matrix when question.Scale is { } shared:
                    foreach (var row in question.Rows)
                    {
                        answers[SurveyAnswerKeys.Part(question.Id, row.Id)] = [Score(shared, detractor, random)];
                    }

                    break;
                case QuestionKind.Choice when question.Choices.Count > 0:
                    var picked = question.Choices[random.Next(question.Choices.Count)];
                    answers[question.Id] = [picked.Id];
                    if (picked.AsksForText)
                    {
                        answers[SurveyAnswerKeys.Part(question.Id, picked.Id)] = [texts[random.Next(texts.Length)]];
                    }

                    break;
                case QuestionKind.Text when question.Required || detractor || random.Next(3) == 0:
                    answers[question.Id] = [texts[random.Next(texts.Length)]];
                    break;
                default:
                    break;
            }
        }

        return answers;
    }

    // Detractors low on every scale; others in the top half, mostly at the top.
    private static string Score(ScaleSpec scale, bool detractor, Random random)
    {
        var span = scale.Maximum - scale.Minimum;
        var value = detractor
            ? scale.Minimum + random.Next(0, Math.Max(1, (span * 6 / 10) + 1))
            : scale.Maximum - random.Next(0, Math.Max(1, (span / 4) + 1));
        return value.ToString(CultureInfo.InvariantCulture);
    }
}
