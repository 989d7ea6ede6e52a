using System.Globalization;
using CemOnPrem.Sdk.Engine;
using CemOnPrem.Sdk.Engine.Surveys;
using CemOnPrem.Sdk.Surveys;

namespace CemOnPrem.Packs.Tests;

/// <summary>
/// Every shipped pack survey, as the host loaded it: each question with a <c>showIf</c> is shown on the branch its
/// condition names and hidden off it, and a complete response along either branch passes the response validation the
/// server applies. The answers are derived from the conditions themselves, so a new pack survey is covered without a
/// new test.
/// </summary>
public sealed class PackSurveyBranchingTests
{
    public static TheoryData<string> Projects => [.. HostedPacks.Projects];

    [Theory]
    [MemberData(nameof(Projects))]
    public void Each_conditional_question_shows_on_its_branch_hides_off_it_and_both_branches_validate(string project)
    {
        var surveys = LoadedPack.From(project).Content.Surveys;
        Assert.NotEmpty(surveys);
        var checkedQuestions = 0;
        foreach (var survey in surveys)
        {
            foreach (var question in survey.Questions.Where(q => q.ShowIf is not null))
            {
                foreach (var shown in new[] { true, false })
                {
                    var (answers, attributes) = (new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal), new Dictionary<string, string>(StringComparer.Ordinal));
                    Steer(survey, question.ShowIf!, shown, answers, attributes);
                    var visible = SurveyBranching.VisibleQuestions(survey, answers, attributes).Select(q => q.Id).ToList();
                    Assert.True(visible.Contains(question.Id) == shown, $"{survey.Id}/{question.Id} should be {(shown ? "shown" : "hidden")}; visible: {string.Join(", ", visible)}");

                    FillRequired(survey, answers, attributes);
                    var problems = SurveyResponseValidation.Validate(survey, answers, attributes, complete: true);
                    Assert.True(problems.Count == 0, $"{survey.Id} with {question.Id} {(shown ? "shown" : "hidden")}: " + string.Join("; ", problems.Select(p => $"{p.Key} {p.Code}")));
                    checkedQuestions++;
                }
            }
        }

        Assert.True(checkedQuestions > 0, $"{project} has no conditional survey question to check.");
    }

    /// <summary>Chooses answers and attributes that make <paramref name="condition"/> come out as <paramref name="want"/>.</summary>
    private static void Steer(SurveyTemplate survey, Condition condition, bool want, Dictionary<string, IReadOnlyList<string>> answers, Dictionary<string, string> attributes)
    {
        if (condition.All.Count > 0 || condition.Any.Count > 0)
        {
            var all = condition.All.Count > 0;
            var parts = all ? condition.All : condition.Any;
            // All true / Any false: every part goes that way; All false / Any true: the first part decides.
            foreach (var part in all == want ? parts : parts.Take(1))
            {
                Steer(survey, part, want, answers, attributes);
            }

            return;
        }

        if (condition.Attribute is { } attribute)
        {
            attributes[attribute] = Pick([.. condition.Values, "something-else"], condition, want);
            return;
        }

        var key = condition.Answer!;
        var question = survey.Questions.Single(q => q.Id == SurveyAnswerKeys.QuestionOf(key));
        if (question.ShowIf is not null)
        {
            Steer(survey, question.ShowIf, true, answers, attributes);
        }

        answers[key] = [Pick(Domain(question, condition), condition, want)];
    }

    private static string Pick(IEnumerable<string> candidates, Condition condition, bool want) =>
        candidates.FirstOrDefault(v => Comparisons.Compare([v], condition.Operator, condition.Values) == want)
        ?? throw new InvalidOperationException($"No answer makes '{condition.Answer ?? condition.Attribute}' {(want ? "true" : "false")}.");

    private static IEnumerable<string> Domain(SurveyQuestion question, Condition condition) => question.Kind switch
    {
        QuestionKind.Scale or QuestionKind.Matrix => Enumerable.Range(question.Scale!.Minimum, question.Scale.Maximum - question.Scale.Minimum + 1)
            .Select(v => v.ToString(CultureInfo.InvariantCulture)),
        QuestionKind.Choice => question.Choices.Select(c => c.Id),
        _ => [.. condition.Values, "something else"],
    };

    /// <summary>Answers every shown required question still unanswered, until the shown set stops changing.</summary>
    private static void FillRequired(SurveyTemplate survey, Dictionary<string, IReadOnlyList<string>> answers, Dictionary<string, string> attributes)
    {
        for (var round = 0; round < survey.Questions.Count; round++)
        {
            var missing = SurveyBranching.VisibleQuestions(survey, answers, attributes)
                .Where(q => q.Required)
                .SelectMany(q => q.Kind == QuestionKind.Matrix ? q.Rows.Select(r => (q, Key: SurveyAnswerKeys.Part(q.Id, r.Id))) : [(q, Key: q.Id)])
                .Where(x => !answers.ContainsKey(x.Key))
                .ToList();
            if (missing.Count == 0)
            {
                return;
            }

            foreach (var (question, key) in missing)
            {
                answers[key] = [question.Kind switch
                {
                    QuestionKind.Scale or QuestionKind.Matrix => question.Scale!.Maximum.ToString(CultureInfo.InvariantCulture),
                    QuestionKind.Choice => question.Choices[0].Id,
                    _ => "fine",
                }];
            }
        }
    }
}
