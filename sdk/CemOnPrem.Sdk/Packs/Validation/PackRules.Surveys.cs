using CemOnPrem.Sdk.Journeys;
using CemOnPrem.Sdk.Surveys;

namespace CemOnPrem.Sdk.Packs.Validation;

public static partial class PackRules
{
    /// <summary>
    /// Checks one survey on its own (a survey an admin made on the server) with the same rules a pack's surveys
    /// follow, so there is one rule set for both.
    /// </summary>
    /// <param name="survey">The survey.</param>
    /// <param name="touchpoints">The touchpoints its trigger may name (for the server: those the active packs know).</param>
    /// <param name="journeys">The journeys its trigger may name (those of the active packs).</param>
    /// <param name="languages">
    /// The languages every text must come in: <see cref="RequiredLanguages"/> for a pack, the languages of the
    /// survey's name for an admin-made survey.
    /// </param>
    /// <returns>The problems, each <see cref="PackProblem.Where"/> relative to the survey (e.g. <c>questions/nps/scale</c>); empty when valid.</returns>
    public static IReadOnlyList<PackProblem> CheckSurvey(
        SurveyTemplate survey, IReadOnlyCollection<string> touchpoints, IReadOnlyList<JourneyTemplate> journeys, IReadOnlyList<string> languages)
    {
        ArgumentNullException.ThrowIfNull(survey);
        ArgumentNullException.ThrowIfNull(touchpoints);
        ArgumentNullException.ThrowIfNull(journeys);
        ArgumentNullException.ThrowIfNull(languages);
        var problems = new Problems();
        problems.Check(languages.Count > 0, "languages", "name", "has no text in any language.");
        CheckSurvey(survey, "", journeys, touchpoints.ToHashSet(StringComparer.Ordinal), languages, problems);
        return problems.All;
    }

    private static void CheckSurveys(PackContent pack, HashSet<string> touchpoints, Problems problems)
    {
        Unique(pack.Surveys, s => s.Id, "surveys", "survey", problems);
        foreach (var survey in pack.Surveys)
        {
            CheckSurvey(survey, $"surveys/{survey.Id}/", pack.Journeys, touchpoints, RequiredLanguages, problems);
        }
    }

    // prefix: where the survey is, "surveys/{id}/" in a pack, empty on its own.
    private static void CheckSurvey(
        SurveyTemplate survey, string prefix, IReadOnlyList<JourneyTemplate> journeys, HashSet<string> touchpoints, IReadOnlyList<string> languages, Problems problems)
    {
        problems.Check(Codes.IsValid(survey.Id), "code", prefix + "id", $"survey id '{survey.Id}' {Codes.Rule}.");
        Languages(survey.Name, prefix + "name", "name", languages, problems);
        problems.Check(Codes.IsValid(survey.ConsentPurpose), "code", prefix + "consentPurpose", $"consentPurpose '{survey.ConsentPurpose}' {Codes.Rule}.");
        CheckTrigger(journeys, survey.Trigger, prefix + "trigger", touchpoints, problems);
        problems.Check(survey.Questions.Count > 0, "survey-questions", prefix + "questions", "has no questions.");
        Unique(survey.Questions, q => q.Id, prefix + "questions", "question", problems);
        var earlier = new Dictionary<string, SurveyQuestion>(StringComparer.Ordinal);
        foreach (var question in survey.Questions)
        {
            var questionAt = $"{prefix}questions/{question.Id}";
            Languages(question.Text, questionAt, "text", languages, problems);
            CheckQuestion(question, questionAt, languages, problems);
            if (question.ShowIf is not null)
            {
                CheckCondition(question.ShowIf, earlier, questionAt + "/showIf", problems);
            }

            earlier.TryAdd(question.Id, question);
        }
    }

    private static void CheckTrigger(IReadOnlyList<JourneyTemplate> journeys, SurveyTrigger trigger, string at, HashSet<string> touchpoints, Problems problems)
    {
        var byJourney = trigger.Journey is not null;
        problems.Check(byJourney != (trigger.Touchpoint is not null), "survey-trigger", at, "trigger needs either a touchpoint or a journey (with a stage or onCompletion).");
        problems.Check(trigger.Touchpoint is null || touchpoints.Contains(trigger.Touchpoint), "touchpoint-reference", at, $"trigger touchpoint '{trigger.Touchpoint}' is not a touchpoint of the pack's journeys.");
        problems.Check(trigger.Delay is null || Durations.TryParse(trigger.Delay, out _), "duration", at, $"trigger delay '{trigger.Delay}' is not an ISO 8601 duration.");
        if (byJourney)
        {
            var journey = journeys.FirstOrDefault(j => j.Id == trigger.Journey);
            problems.Check(journey is not null, "survey-trigger", at, $"trigger journey '{trigger.Journey}' is not a journey of the pack.");
            problems.Check((trigger.Stage is not null) != trigger.OnCompletion, "survey-trigger", at, "a journey trigger needs exactly one of stage and onCompletion.");
            problems.Check(trigger.Stage is null || journey is null || journey.Stages.Any(s => s.Id == trigger.Stage), "survey-trigger", at, $"trigger stage '{trigger.Stage}' is not a stage of '{trigger.Journey}'.");
        }
    }

    /// <summary>Conditions may only look back at earlier questions: that rules out cycles and forward jumps.</summary>
    private static void CheckCondition(Condition condition, Dictionary<string, SurveyQuestion> earlier, string at, Problems problems)
    {
        var forms = (condition.Answer is null ? 0 : 1) + (condition.Attribute is null ? 0 : 1) + (condition.All.Count > 0 ? 1 : 0) + (condition.Any.Count > 0 ? 1 : 0);
        problems.Check(forms == 1, "survey-branching", at, "showIf needs exactly one of answer, attribute, all, any.");
        foreach (var inner in condition.All.Concat(condition.Any))
        {
            CheckCondition(inner, earlier, at, problems);
        }

        if (condition.Answer is { } key)
        {
            CheckAnswerCondition(condition, key, earlier, at, problems);
        }
    }
}
