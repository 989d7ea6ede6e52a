using CemOnPrem.Surveys.Definitions;

namespace CemOnPrem.Surveys.Tests.Definitions;

public sealed class SurveyKeysTests
{
    [Fact]
    public void Pack_and_admin_survey_keys_parse_apart()
    {
        Assert.Equal(("com.cemonprem.banking", "post-branch-visit"), SurveyKeys.Parse(SurveyKeys.ForPack("com.cemonprem.banking", "post-branch-visit")));
        Assert.Equal((null, "branch-pulse"), SurveyKeys.Parse("branch-pulse"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bad Key")]
    [InlineData("pack:")]
    [InlineData(":survey")]
    [InlineData("a:b:c")]
    public void Malformed_keys_are_refused(string? key)
    {
        Assert.Null(SurveyKeys.Parse(key));
    }
}
