namespace CemOnPrem.Surveys.Invitations;

/// <summary><c>Cem:Surveys:Regions:{region}</c>.</summary>
public sealed class RegionSurveyOptions
{
    /// <summary>The region's default survey language (e.g. <c>zh</c> for cn-east, <c>en</c> for eu-central).</summary>
    public string Language { get; set; } = "";
}
