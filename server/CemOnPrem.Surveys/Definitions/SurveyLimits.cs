using System.Text.RegularExpressions;
using CemOnPrem.Sdk.Surveys;

namespace CemOnPrem.Surveys.Definitions;

/// <summary>
/// Size limits of an admin-made survey and the shape checks the JSON reader cannot make (no null items, language
/// codes that look like language codes). They keep the respondent page usable and a hostile body cheap to refuse;
/// the survey rules themselves are the SDK's (<see cref="SurveyDefinitionRules"/>).
/// </summary>
internal static partial class SurveyLimits
{
    public const int MaxBodyBytes = 256 * 1024;
    public const int MaxQuestions = 100;
    public const int MaxChoices = 50;
    public const int MaxLanguages = 10;
    public const int MaxTextLength = 1000;
    public const int MaxConditionDepth = 5;
    public const int MaxScaleSteps = 100;

    public static void Check(SurveyTemplate survey, Dictionary<string, List<string>> errors)
    {
        Texts(survey.Name, "name", errors);
        Require(survey.Trigger is not null, "trigger", "is required.", errors);
        Require(survey.ConsentPurpose is not null, "consentPurpose", "is required.", errors);
        Require(survey.Questions is not null, "questions", "is required.", errors);
        if (survey.Questions is null)
        {
            return;
        }

        Require(survey.Questions.Count <= MaxQuestions, "questions", $"at most {MaxQuestions} questions (has {survey.Questions.Count}).", errors);
        for (var i = 0; i < survey.Questions.Count && i < MaxQuestions; i++)
        {
            if (survey.Questions[i] is not { } question)
            {
                Add($"questions[{i}]", "must be a question object, not null.", errors);
                continue;
            }

            // JSON may say null for a required string; the rules expect strings, so such a body stops here.
            var at = "questions/" + (question.Id ?? $"[{i}]");
            Require(question.Id is not null, at + "/id", "is required.", errors);
            Require(question.Scale is null || question.Scale.ScoreKey is not null, at + "/scale/scoreKey", "is required.", errors);
            Texts(question.Text, at + "/text", errors);
            Require(question.Choices is not null && question.Rows is not null, at, "choices and rows must be lists when given.", errors);
            Require((question.Choices?.Count ?? 0) <= MaxChoices, at + "/choices", $"at most {MaxChoices} choices.", errors);
            Require((question.Rows?.Count ?? 0) <= MaxChoices, at + "/rows", $"at most {MaxChoices} rows.", errors);
            if (question.Scale is { } scale)
            {
                Require((long)scale.Maximum - scale.Minimum <= MaxScaleSteps, at + "/scale", $"a scale has at most {MaxScaleSteps + 1} points.", errors);
                Texts(scale.MinimumLabel, at + "/scale/minimumLabel", errors, optional: true);
                Texts(scale.MaximumLabel, at + "/scale/maximumLabel", errors, optional: true);
            }

            foreach (var (choice, j) in (question.Choices ?? []).Take(MaxChoices).Select((c, j) => (c, j)))
            {
                Require(choice is { Id: not null }, $"{at}/choices[{j}]", "must be a choice object with an id.", errors);
                Texts(choice?.Text, $"{at}/choices/{choice?.Id}", errors);
            }

            foreach (var (row, j) in (question.Rows ?? []).Take(MaxChoices).Select((r, j) => (r, j)))
            {
                Require(row is { Id: not null, ScoreKey: not null }, $"{at}/rows[{j}]", "must be a row object with an id and a scoreKey.", errors);
                Texts(row?.Text, $"{at}/rows/{row?.Id}", errors);
            }

            if (question.ShowIf is { } condition)
            {
                Condition(condition, at + "/showIf", 1, errors);
            }
        }
    }

    /// <summary>A language tag such as en, zh, zh-Hant, pt-BR.</summary>
    public static bool IsLanguage(string? code) => code is { Length: <= 16 } && LanguagePattern().IsMatch(code);

    private static void Condition(Condition condition, string at, int depth, Dictionary<string, List<string>> errors)
    {
        if (depth > MaxConditionDepth)
        {
            Add(at, $"conditions nest at most {MaxConditionDepth} deep.", errors);
            return;
        }

        if (condition.Values is null || condition.All is null || condition.Any is null ||
            condition.Values.Any(v => v is null) || condition.All.Concat(condition.Any).Any(c => c is null))
        {
            Add(at, "values, all and any must be lists without nulls.", errors);
            return;
        }

        Require(condition.Values.Count <= MaxChoices && condition.Values.All(v => v.Length <= 200), at, $"at most {MaxChoices} values of 200 characters.", errors);
        foreach (var inner in condition.All.Concat(condition.Any))
        {
            Condition(inner, at, depth + 1, errors);
        }
    }

    private static void Texts(IReadOnlyDictionary<string, string>? texts, string at, Dictionary<string, List<string>> errors, bool optional = false)
    {
        if (texts is null)
        {
            Require(optional, at, "is required: a text per language, e.g. { \"en\": \"…\", \"zh\": \"…\" }.", errors);
            return;
        }

        Require(texts.Count <= MaxLanguages, at, $"at most {MaxLanguages} languages.", errors);
        foreach (var (language, text) in texts.Take(MaxLanguages + 1))
        {
            Require(IsLanguage(language), at, $"'{Clip(language)}' is not a language code (en, zh, zh-Hant, …).", errors);
            Require(text is not null && text.Length <= MaxTextLength, at, $"the '{Clip(language)}' text must be a string of at most {MaxTextLength} characters.", errors);
        }
    }

    private static string Clip(string value) => value.Length > 20 ? value[..20] + "…" : value;

    private static void Require(bool condition, string field, string message, Dictionary<string, List<string>> errors)
    {
        if (!condition)
        {
            Add(field, message, errors);
        }
    }

    private static void Add(string field, string message, Dictionary<string, List<string>> errors)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }

        list.Add(message);
    }

    [GeneratedRegex("^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex LanguagePattern();
}
