using CemOnPrem.Packs.Hosting;
using CemOnPrem.Sdk.Packs.Validation;
using CemOnPrem.Sdk.Surveys;

namespace CemOnPrem.Surveys.Definitions;

/// <summary>
/// Checks an admin-made survey: the size limits (<see cref="SurveyLimits"/>), then the SDK's own survey rules
/// (<see cref="PackRules.CheckSurvey"/>, the rules a pack's surveys follow) against the journeys and touchpoints of the active packs,
/// with the survey's name's languages as the languages every text must come in. Errors are keyed by field path
/// (<c>questions/nps/scale</c>).
/// </summary>
public sealed class SurveyDefinitionRules(PackRegistry packs)
{
    /// <summary>What keeps a body from being stored at all (400): the limits, and an id that cannot be a key.</summary>
    public static IReadOnlyDictionary<string, string[]> Limits(SurveyTemplate survey)
    {
        ArgumentNullException.ThrowIfNull(survey);
        var errors = LimitErrors(survey);
        return errors.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>What keeps a survey from being published (409 on publish; shown with a draft): the limits and every survey rule.</summary>
    public IReadOnlyDictionary<string, string[]> Check(SurveyTemplate survey)
    {
        ArgumentNullException.ThrowIfNull(survey);
        var errors = LimitErrors(survey);
        if (errors.Count == 0)
        {
            var journeys = packs.ActivePacks.SelectMany(pack => pack.Content.Journeys).ToList();
            // Touchpoints the active packs know: their journeys' and their own surveys' triggers.
            var touchpoints = journeys.SelectMany(j => j.Stages.SelectMany(s => s.Touchpoints).Concat(j.AbandonmentTouchpoints))
                .Concat(packs.ActivePacks.SelectMany(pack => pack.Content.Surveys).Select(s => s.Trigger.Touchpoint).OfType<string>())
                .ToHashSet(StringComparer.Ordinal);
            var languages = survey.Name.Keys.ToList();
            foreach (var problem in PackRules.CheckSurvey(survey, touchpoints, journeys, languages))
            {
                if (!errors.TryGetValue(problem.Where, out var list))
                {
                    errors[problem.Where] = list = [];
                }

                list.Add(problem.Message);
            }
        }

        return errors.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);
    }

    private static Dictionary<string, List<string>> LimitErrors(SurveyTemplate survey)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (!Sdk.Codes.IsValid(survey.Id))
        {
            errors["id"] = [$"'{(survey.Id is { Length: > 64 } id ? id[..64] + "…" : survey.Id)}' {Sdk.Codes.Rule} (it becomes the survey's key)."];
        }

        SurveyLimits.Check(survey, errors);
        return errors;
    }
}
