extern alias cemctl;

using cemctl::CemOnPrem.Cli.Surveys;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Server.Tests.Governance;
using CemOnPrem.Server.Tests.Support;
using static CemOnPrem.Server.Tests.Surveys.Definitions.SurveyBodies;

namespace CemOnPrem.Server.Tests.Surveys.Definitions;

/// <summary><c>cemctl surveys list|preview</c> against the running test server, with an analyst's token.</summary>
public sealed class CemCtlSurveysTests(PrivacyServer server) : IClassFixture<PrivacyServer>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private async Task<SurveysApiClient> ApiAsync(string? token = null)
    {
        token ??= await server.Factory.UserTokenAsync(await server.Factory.AddUserAsync([CemRoles.Analyst], ["hq"], [.. server.Factory.Databases.Regions.Keys]));
        return new SurveysApiClient(new Uri("http://localhost"), token, server.Factory.Server.CreateHandler());
    }

    private async Task<string> PublishedAsync()
    {
        var id = Id();
        await server.Client.PostAsync("/api/v1/surveys", Events.Json(Survey(id)), Cancellation);
        await server.Client.PostAsync($"/api/v1/surveys/{id}/publish", null, Cancellation);
        return id;
    }

    [Fact]
    public async Task List_prints_pack_and_admin_surveys_one_per_line()
    {
        var id = await PublishedAsync();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await SurveyListing.ListAsync(await ApiAsync(), output, error);

        Assert.Equal((0, ""), (code, error.ToString()));
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith($"{PrivacyServer.PackId}:{PrivacyServer.SurveyId}\t1.0.0\tpack\ten\t1 questions", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"{id}\t1\tadmin\ten,zh\t3 questions\tAfter your visit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Preview_prints_questions_scales_matrix_rows_and_branching_in_the_chosen_language()
    {
        var id = await PublishedAsync();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await SurveyListing.PreviewAsync(await ApiAsync(), id, "1", "zh", output, error);

        Assert.Equal((0, ""), (code, error.ToString()));
        var lines = output.ToString().Replace("\r", "", StringComparison.Ordinal).Split('\n');
        Assert.Equal($"survey {id}  version 1  (admin-made)", lines[0]);
        Assert.Contains("trigger: touchpoint branch-visit, after PT1H", lines);
        Assert.Contains("1. nps [scale 0-10, score key nps, required]", lines);
        Assert.Contains("2. aspects [matrix 1-5, score key visit-aspects]", lines);
        Assert.Contains("   - wait: 等候时间 (score key csat-wait)", lines);
        Assert.Contains("   shown if: aspects/wait <= 2", lines);
        Assert.Contains("   什么原因让您久等？", lines);
    }

    [Fact]
    public async Task Preview_of_an_unknown_survey_a_missing_language_or_without_a_token_fails_with_a_message()
    {
        var id = await PublishedAsync();
        var api = await ApiAsync();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var unknown = await SurveyListing.PreviewAsync(api, "no-such-survey", null, "en", output, error);
        var french = await SurveyListing.PreviewAsync(api, id, null, "fr", output, error);
        var anonymous = await SurveyListing.ListAsync(await ApiAsync(token: "not-a-token"), output, error);

        Assert.Equal((1, 1, 1), (unknown, french, anonymous));
        var messages = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("cemctl: GET /api/v1/surveys/no-such-survey: 404", messages[0], StringComparison.Ordinal);
        Assert.Equal($"cemctl: --lang: survey '{id}' has texts in en, zh, not 'fr'.", messages[1]);
        Assert.StartsWith("cemctl: GET /api/v1/surveys: 401", messages[2], StringComparison.Ordinal);
        Assert.Equal("", output.ToString());
    }
}
