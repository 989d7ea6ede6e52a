using CemOnPrem.Surveys.Invitations;

namespace CemOnPrem.Surveys.Tests.Invitations;

/// <summary>The customer's language when the survey has it, else the region's, else the survey's first.</summary>
public sealed class InvitationLanguageTests
{
    private static readonly string[] Bilingual = ["en", "zh"];

    [Theory]
    [InlineData("zh-CN", null, "zh")]
    [InlineData(null, "zh_Hans", "zh")]
    [InlineData("fr-FR", null, "en")]
    [InlineData(null, null, "en")]
    public void The_customer_language_wins_when_the_survey_has_it(string? language, string? locale, string expected)
    {
        var attributes = new Dictionary<string, string>();
        if (language is not null)
        {
            attributes["language"] = language;
        }

        if (locale is not null)
        {
            attributes["locale"] = locale;
        }

        Assert.Equal(expected, InvitationLanguage.Choose(attributes, "en", Bilingual));
    }

    [Fact]
    public void A_region_default_the_survey_lacks_falls_back_to_the_survey_first_language()
    {
        Assert.Equal("en", InvitationLanguage.Choose(null, "zh", ["en"]));
        Assert.Equal("zh", InvitationLanguage.Choose(null, "zh", Bilingual));
    }
}
