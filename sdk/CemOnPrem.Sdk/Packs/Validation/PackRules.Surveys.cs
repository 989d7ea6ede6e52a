using CemOnPrem.Sdk.Surveys;

namespace CemOnPrem.Sdk.Packs.Validation;

public static partial class PackRules
{
    private static void CheckSurveys(PackContent pack, HashSet<string> touchpoints, Problems problems)
    {
        Unique(pack.Surveys, s => s.Id, "surveys", "survey", problems);
        foreach (var survey in pack.Surveys)
        {
            var at = $"surveys/{survey.Id}";
            Languages(survey.Name, at, "name", problems);
            problems.Check(Codes.IsValid(survey.ConsentPurpose), "code", at, $"consentPurpose '{survey.ConsentPurpose}' {Codes.Rule}.");
            CheckTrigger(pack, survey.Trigger, at, touchpoints, problems);
            problems.Check(survey.Questions.Count > 0, "survey-questions", at, "has no questions.");
            Unique(survey.Questions, q => q.Id, at, "question", problems);
            var earlier = new Dictionary<string, SurveyQuestion>(StringComparer.Ordinal);
            foreach (var question in survey.Questions)
            {
                var questionAt = $"{at}/questions/{question.Id}";
                Languages(question.Text, questionAt, "text", problems);
                CheckQuestion(question, questionAt, problems);
                if (question.ShowIf is not null)
                {
                    CheckCondition(question.ShowIf, earlier, questionAt, problems);
                }

                earlier.TryAdd(question.Id, question);
            }
        }
    }

    private static void CheckTrigger(PackContent pack, SurveyTrigger trigger, string at, HashSet<string> touchpoints, Problems problems)
    {
        var byJourney = trigger.Journey is not null;
        problems.Check(byJourney != (trigger.Touchpoint is not null), "survey-trigger", at, "trigger needs either a touchpoint or a journey (with a stage or onCompletion).");
        problems.Check(trigger.Touchpoint is null || touchpoints.Contains(trigger.Touchpoint), "touchpoint-reference", at, $"trigger touchpoint '{trigger.Touchpoint}' is not a touchpoint of the pack's journeys.");
        problems.Check(trigger.Delay is null || Durations.TryParse(trigger.Delay, out _), "duration", at, $"trigger delay '{trigger.Delay}' is not an ISO 8601 duration.");
        if (byJourney)
        {
            var journey = pack.Journeys.FirstOrDefault(j => j.Id == trigger.Journey);
            problems.Check(journey is not null, "survey-trigger", at, $"trigger journey '{trigger.Journey}' is not a journey of the pack.");
            problems.Check((trigger.Stage is not null) != trigger.OnCompletion, "survey-trigger", at, "a journey trigger needs exactly one of stage and onCompletion.");
            problems.Check(trigger.Stage is null || journey is null || journey.Stages.Any(s => s.Id == trigger.Stage), "survey-trigger", at, $"trigger stage '{trigger.Stage}' is not a stage of '{trigger.Journey}'.");
        }
    }

    private static void CheckQuestion(SurveyQuestion question, string at, Problems problems)
    {
        switch (question.Kind)
        {
            case QuestionKind.Scale when question.Scale is not { } scale:
                problems.Add("survey-questions", at, "a scale question needs a scale.");
                break;
            case QuestionKind.Scale:
                problems.Check(question.Scale.Minimum < question.Scale.Maximum, "survey-questions", at, "scale minimum must be below maximum.");
                problems.Check(Codes.IsValid(question.Scale.ScoreKey), "code", at, $"scoreKey '{question.Scale.ScoreKey}' {Codes.Rule}.");
                if (ScoreScale.BuiltIn.TryGetValue(question.Scale.ScoreKey, out var builtIn))
                {
                    problems.Check(builtIn.Minimum == question.Scale.Minimum && builtIn.Maximum == question.Scale.Maximum, "survey-questions", at,
                        $"{builtIn.Key} answers are {builtIn.Minimum}-{builtIn.Maximum}; the scale says {question.Scale.Minimum}-{question.Scale.Maximum}.");
                }

                break;
            case QuestionKind.Choice:
                problems.Check(question.Choices.Count >= 2, "survey-questions", at, "a choice question needs at least two choices.");
                Unique(question.Choices, c => c.Id, at, "choice", problems);
                foreach (var choice in question.Choices)
                {
                    Languages(choice.Text, $"{at}/choices/{choice.Id}", "text", problems);
                }

                break;
            case QuestionKind.Text:
                break;
            default:
                problems.Add("survey-questions", at, $"unknown kind {question.Kind}.");
                break;
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

        if (condition.Answer is { } id)
        {
            if (!earlier.TryGetValue(id, out var target))
            {
                problems.Add("survey-branching", at, $"showIf refers to '{id}', which is not an earlier question (branching may only look back, so it cannot cycle).");
                return;
            }

            problems.Check(condition.Values.Count > 0, "survey-branching", at, "showIf needs a value to compare with.");
            if (target.Kind == QuestionKind.Choice)
            {
                foreach (var value in condition.Values.Where(v => target.Choices.All(c => c.Id != v)))
                {
                    problems.Add("survey-branching", at, $"showIf compares '{id}' with '{value}', which is not one of its choices.");
                }
            }
        }
    }
}
