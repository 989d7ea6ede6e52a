using CemOnPrem.Sdk.Engine.Surveys;
using CemOnPrem.Sdk.Surveys;

namespace CemOnPrem.Surveys.Respondent;

/// <summary>
/// Splits a survey into pages so branching runs on the server: a page ends after every question whose answer a later
/// question's <c>showIf</c> tests, so the page after it is chosen with that answer known. Conditions on attributes
/// need no break (they are known from the start). A page whose questions are all hidden is skipped.
/// </summary>
internal sealed class SurveyPaging
{
    private readonly SurveyTemplate _survey;

    public SurveyPaging(SurveyTemplate survey)
    {
        _survey = survey;
        var tested = survey.Questions.Where(q => q.ShowIf is not null).SelectMany(q => AnswersTested(q.ShowIf!)).ToHashSet(StringComparer.Ordinal);
        var pages = new List<IReadOnlyList<SurveyQuestion>>();
        var current = new List<SurveyQuestion>();
        foreach (var question in survey.Questions)
        {
            current.Add(question);
            if (tested.Contains(question.Id))
            {
                pages.Add(current);
                current = [];
            }
        }

        if (current.Count > 0)
        {
            pages.Add(current);
        }

        Pages = pages;
    }

    /// <summary>Every page with all its questions, shown or not.</summary>
    public IReadOnlyList<IReadOnlyList<SurveyQuestion>> Pages { get; }

    /// <summary>The questions of a page the respondent sees with these answers and attributes.</summary>
    public IReadOnlyList<SurveyQuestion> Visible(int page, IReadOnlyDictionary<string, IReadOnlyList<string>> answers, IReadOnlyDictionary<string, string> attributes)
    {
        var shown = SurveyBranching.VisibleQuestions(_survey, answers, attributes).Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
        return [.. Pages[page].Where(q => shown.Contains(q.Id))];
    }

    /// <summary>The pages that have something to show, in order.</summary>
    public IReadOnlyList<int> Shown(IReadOnlyDictionary<string, IReadOnlyList<string>> answers, IReadOnlyDictionary<string, string> attributes) =>
        [.. Enumerable.Range(0, Pages.Count).Where(p => Visible(p, answers, attributes).Count > 0)];

    /// <summary>
    /// Where a respondent continues: the first shown page with a required answer missing, else the page after the last
    /// one answered; <paramref name="requested"/> (a page the respondent moved to) wins when nothing before it is missing.
    /// </summary>
    public int Resume(IReadOnlyDictionary<string, IReadOnlyList<string>> answers, IReadOnlyDictionary<string, string> attributes, int? requested)
    {
        var shown = Shown(answers, attributes);
        var missing = shown.FirstOrDefault(p => Visible(p, answers, attributes).SelectMany(KeysOf).Any(k => IsRequired(k) && !answers.ContainsKey(k)), -1);
        if (requested is { } wanted && shown.Contains(wanted) && (missing < 0 || wanted <= missing))
        {
            return wanted;
        }

        if (missing >= 0)
        {
            return missing;
        }

        var lastAnswered = shown.LastOrDefault(p => Visible(p, answers, attributes).SelectMany(KeysOf).Any(answers.ContainsKey), -1);
        return shown.FirstOrDefault(p => p > lastAnswered, shown.Count > 0 ? shown[^1] : 0);
    }

    /// <summary>Whether no shown page follows <paramref name="page"/>: its form finishes the response.</summary>
    public bool IsLast(int page, IReadOnlyDictionary<string, IReadOnlyList<string>> answers, IReadOnlyDictionary<string, string> attributes) =>
        !Shown(answers, attributes).Any(p => p > page);

    /// <summary>The answer keys a question takes (option texts included).</summary>
    public static IEnumerable<string> KeysOf(SurveyQuestion question) => question.Kind switch
    {
        QuestionKind.Matrix => question.Rows.Select(r => SurveyAnswerKeys.Part(question.Id, r.Id)),
        QuestionKind.Choice => [question.Id, .. question.Choices.Where(c => c.AsksForText).Select(c => SurveyAnswerKeys.Part(question.Id, c.Id))],
        _ => [question.Id],
    };

    private bool IsRequired(string key)
    {
        var question = _survey.Questions.First(q => q.Id == SurveyAnswerKeys.QuestionOf(key));
        return question.Required && (question.Kind == QuestionKind.Matrix || SurveyAnswerKeys.PartOf(key) is null);
    }

    private static IEnumerable<string> AnswersTested(Condition condition) =>
        (condition.Answer is { } key ? [SurveyAnswerKeys.QuestionOf(key)] : Enumerable.Empty<string>())
            .Concat(condition.All.SelectMany(AnswersTested)).Concat(condition.Any.SelectMany(AnswersTested));
}
