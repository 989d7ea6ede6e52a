using CemOnPrem.Sdk.Engine.Surveys;
using CemOnPrem.Sdk.Surveys;

namespace CemOnPrem.Surveys.Statistics;

/// <summary>Turns answer counts into per-question statistics for a survey's questions, hiding every figure of a group smaller than the minimum.</summary>
internal static class QuestionDistributions
{
    private const int MaxListedValues = 101;

    public static IReadOnlyList<QuestionStatistics> Of(SurveyTemplate survey, AnswerCounts counts, int minGroupSize) =>
        [.. survey.Questions.Select(question => Of(question, counts, minGroupSize))];

    private static QuestionStatistics Of(SurveyQuestion question, AnswerCounts counts, int minGroupSize)
    {
        var kind = question.Kind.ToString().ToLowerInvariant();
        var answered = counts.AnsweredOf(question.Id);
        switch (question.Kind)
        {
            case QuestionKind.Scale:
                return Scale(question.Id, kind, question.Scale, question.Id, counts, minGroupSize);
            case QuestionKind.Matrix:
                var rows = question.Rows.Select(row =>
                    Scale(row.Id, "row", question.Scale, SurveyAnswerKeys.Part(question.Id, row.Id), counts, minGroupSize) with { ScoreKey = row.ScoreKey }).ToList();
                // A matrix counts as answered by the respondents who rated at least one row: the most any row has is a floor of that.
                var matrixAnswered = question.Rows.Select(row => counts.AnsweredOf(SurveyAnswerKeys.Part(question.Id, row.Id))).DefaultIfEmpty(0).Max();
                return Hidden(matrixAnswered, minGroupSize)
                    ? new QuestionStatistics(question.Id, kind, question.Scale?.ScoreKey, true, null, null, null, null, null, null)
                    : new QuestionStatistics(question.Id, kind, question.Scale?.ScoreKey, false, matrixAnswered, null, null, null, null, rows);
            case QuestionKind.Choice when !Hidden(answered, minGroupSize):
                return new QuestionStatistics(question.Id, kind, null, false, answered, null, null,
                    [.. question.Choices.Select(c => new OptionCount(c.Id, counts.Options.GetValueOrDefault((question.Id, c.Id))))],
                    [.. question.Choices.Where(c => c.AsksForText).Select(c => new OptionCount(c.Id, counts.AnsweredOf(SurveyAnswerKeys.Part(question.Id, c.Id))))],
                    null);
            case QuestionKind.Text when !Hidden(answered, minGroupSize):
                return new QuestionStatistics(question.Id, kind, null, false, answered, null, null, null, null, null);
            default:
                return new QuestionStatistics(question.Id, kind, null, true, null, null, null, null, null, null);
        }
    }

    private static QuestionStatistics Scale(string id, string kind, ScaleSpec? scale, string key, AnswerCounts counts, int minGroupSize)
    {
        var answered = counts.AnsweredOf(key);
        if (Hidden(answered, minGroupSize) || scale is null)
        {
            return new QuestionStatistics(id, kind, scale?.ScoreKey, true, null, null, null, null, null, null);
        }

        // Every value of a usual scale, zeros included; only the values given for a very wide custom one.
        var range = (long)scale.Maximum - scale.Minimum + 1;
        var values = (range <= MaxListedValues
                ? Enumerable.Range(scale.Minimum, (int)range)
                : counts.Numbers.Keys.Where(k => k.Key == key).Select(k => k.Value).Order())
            .Select(value => new ValueCount(value, counts.Numbers.GetValueOrDefault((key, value)))).ToList();
        var total = values.Sum(v => v.Count);
        double? mean = total == 0 ? null : Math.Round(values.Sum(v => (double)v.Value * v.Count) / total, 3);
        return new QuestionStatistics(id, kind, scale.ScoreKey, false, answered, values, mean, null, null, null);
    }

    /// <summary>Hidden below the minimum group size, as the metrics API hides a small group (Cem:Analytics:MinGroupSize).</summary>
    private static bool Hidden(long answered, int minGroupSize) => answered < minGroupSize;
}
