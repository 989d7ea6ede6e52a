using CemOnPrem.Packs.Hosting;

namespace CemOnPrem.Surveys.Definitions;

/// <summary>
/// The active packs' surveys, each at its pack's version. A pack's signed content does not change within a version,
/// so the pair (key, pack version) always means the same questions.
/// </summary>
public sealed class PackSurveyCatalog(PackRegistry packs)
{
    public PublishedSurvey? Find(string key, string? version)
    {
        if (SurveyKeys.Parse(key) is not ({ } packId, var surveyId))
        {
            return null;
        }

        var found = All().FirstOrDefault(s => s.PackId == packId && s.Template.Id == surveyId);
        return found is not null && (version is null || version == found.Version) ? found : null;
    }

    public IReadOnlyList<PublishedSurvey> All() =>
        [.. packs.ActivePacks.SelectMany(pack => pack.Content.Surveys.Select(survey => new PublishedSurvey(
            SurveyKeys.ForPack(pack.Id, survey.Id), pack.Content.Manifest.Version, pack.Id, survey, null)))];
}
