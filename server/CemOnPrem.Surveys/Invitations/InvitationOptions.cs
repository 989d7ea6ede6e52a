namespace CemOnPrem.Surveys.Invitations;

/// <summary>
/// <c>Cem:Surveys</c>: the rules invitations follow (docs/surveys.md "Invitations: triggers, fatigue rules and
/// expiry"). Other parts of the module bind their own settings from the same section.
/// </summary>
public sealed class InvitationOptions
{
    public const string Section = "Cem:Surveys";

    /// <summary>Where respondents open a link: <c>{PublicBaseUrl}/s/{token}</c>.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:8080";

    /// <summary>Days an invitation may be answered after it is due to be sent.</summary>
    public int ExpiryDays { get; set; } = 14;

    public FrequencyCapOptions FrequencyCap { get; set; } = new();

    public QuietHoursOptions QuietHours { get; set; } = new();

    /// <summary>Per region: its default language (<c>Cem:Surveys:Regions:cn-east:Language</c> = <c>zh</c>).</summary>
    public Dictionary<string, RegionSurveyOptions> Regions { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Per case type: the survey key a closed case of that type sends as a follow-up (<c>Cem:Surveys:FollowUp:complaint</c>).</summary>
    public Dictionary<string, string> FollowUp { get; set; } = new(StringComparer.Ordinal);

    public InvitationSendingOptions Sending { get; set; } = new();

    /// <summary>The language used where neither the customer nor the region names one.</summary>
    public string DefaultLanguage { get; set; } = "en";

    public string LanguageOf(string region) =>
        Regions.TryGetValue(region, out var settings) && !string.IsNullOrEmpty(settings.Language) ? settings.Language : DefaultLanguage;

    public string LinkFor(string token) => PublicBaseUrl.TrimEnd('/') + "/s/" + token;
}
