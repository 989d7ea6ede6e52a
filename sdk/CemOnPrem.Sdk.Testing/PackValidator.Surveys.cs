using CemOnPrem.Sdk.Packs;
using CemOnPrem.Sdk.Surveys;

namespace CemOnPrem.Sdk.Testing;

public static partial class PackValidator
{
    private static void ValidateSurveys(PackContent pack, HashSet<string> touchpoints, Issues issues)
    {
        Unique(pack.Surveys, s => s.Id, "surveys", "survey", issues);
        foreach (var survey in pack.Surveys)
        {
            var at = $"surveys/{survey.Id}";
            Languages(survey.Name, at, "name", issues);
            issues.Check(Codes.IsValid(survey.ConsentPurpose), at, $"consentPurpose '{survey.ConsentPurpose}' {Codes.Rule}.");
            CheckTrigger(pack, survey.Trigger, at, touchpoints, issues);
            issues.Check(survey.Questions.Count > 0, at, "has no questions.");
            Unique(survey.Questions, q => q.Id, at, "question", issues);
            var earlier = new Dictionary<string, SurveyQuestion>(StringComparer.Ordinal);
            foreach (var question in survey.Questions)
            {
                var questionAt = $"{at}/questions/{question.Id}";
                Languages(question.Text, questionAt, "text", issues);
                CheckQuestion(question, questionAt, issues);
                if (question.ShowIf is not null)
                {
                    CheckCondition(question.ShowIf, earlier, questionAt, issues);
                }

                earlier.TryAdd(question.Id, question);
            }
        }
    }

    private static void CheckTrigger(PackContent pack, SurveyTrigger trigger, string at, HashSet<string> touchpoints, Issues issues)
    {
        var byJourney = trigger.Journey is not null;
        issues.Check(byJourney != (trigger.Touchpoint is not null), at, "trigger needs either a touchpoint or a journey (with a stage or onCompletion).");
        issues.Check(trigger.Touchpoint is null || touchpoints.Contains(trigger.Touchpoint), at, $"trigger touchpoint '{trigger.Touchpoint}' is not a touchpoint of the pack's journeys.");
        issues.Check(trigger.Delay is null || Durations.TryParse(trigger.Delay, out _), at, $"trigger delay '{trigger.Delay}' is not an ISO 8601 duration.");
        if (byJourney)
        {
            var journey = pack.Journeys.FirstOrDefault(j => j.Id == trigger.Journey);
            issues.Check(journey is not null, at, $"trigger journey '{trigger.Journey}' is not a journey of the pack.");
            issues.Check((trigger.Stage is not null) != trigger.OnCompletion, at, "a journey trigger needs exactly one of stage and onCompletion.");
            issues.Check(trigger.Stage is null || journey is null || journey.Stages.Any(s => s.Id == trigger.Stage), at, $"trigger stage '{trigger.Stage}' is not a stage of '{trigger.Journey}'.");
        }
    }

    private static void CheckQuestion(SurveyQuestion question, string at, Issues issues)
    {
        switch (question.Kind)
        {
            case QuestionKind.Scale when question.Scale is not { } scale:
                issues.Add(at, "a scale question needs a scale.");
                break;
            case QuestionKind.Scale:
                issues.Check(question.Scale.Minimum < question.Scale.Maximum, at, "scale minimum must be below maximum.");
                issues.Check(Codes.IsValid(question.Scale.ScoreKey), at, $"scoreKey '{question.Scale.ScoreKey}' {Codes.Rule}.");
                if (ScoreScale.BuiltIn.TryGetValue(question.Scale.ScoreKey, out var builtIn))
                {
                    issues.Check(builtIn.Minimum == question.Scale.Minimum && builtIn.Maximum == question.Scale.Maximum, at,
                        $"{builtIn.Key} answers are {builtIn.Minimum}-{builtIn.Maximum}; the scale says {question.Scale.Minimum}-{question.Scale.Maximum}.");
                }

                break;
            case QuestionKind.Choice:
                issues.Check(question.Choices.Count >= 2, at, "a choice question needs at least two choices.");
                Unique(question.Choices, c => c.Id, at, "choice", issues);
                foreach (var choice in question.Choices)
                {
                    Languages(choice.Text, $"{at}/choices/{choice.Id}", "text", issues);
                }

                break;
            case QuestionKind.Text:
                break;
            default:
                issues.Add(at, $"unknown kind {question.Kind}.");
                break;
        }
    }

    /// <summary>Conditions may only look back at earlier questions: that rules out cycles and forward jumps.</summary>
    private static void CheckCondition(Condition condition, Dictionary<string, SurveyQuestion> earlier, string at, Issues issues)
    {
        var forms = (condition.Answer is null ? 0 : 1) + (condition.Attribute is null ? 0 : 1) + (condition.All.Count > 0 ? 1 : 0) + (condition.Any.Count > 0 ? 1 : 0);
        issues.Check(forms == 1, at, "showIf needs exactly one of answer, attribute, all, any.");
        foreach (var inner in condition.All.Concat(condition.Any))
        {
            CheckCondition(inner, earlier, at, issues);
        }

        if (condition.Answer is { } id)
        {
            if (!earlier.TryGetValue(id, out var target))
            {
                issues.Add(at, $"showIf refers to '{id}', which is not an earlier question (branching may only look back, so it cannot cycle).");
                return;
            }

            issues.Check(condition.Values.Count > 0, at, "showIf needs a value to compare with.");
            if (target.Kind == QuestionKind.Choice)
            {
                foreach (var value in condition.Values.Where(v => target.Choices.All(c => c.Id != v)))
                {
                    issues.Add(at, $"showIf compares '{id}' with '{value}', which is not one of its choices.");
                }
            }
        }
    }
}
