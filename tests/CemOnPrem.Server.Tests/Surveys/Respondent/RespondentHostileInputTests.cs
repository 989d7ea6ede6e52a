using System.Net;

namespace CemOnPrem.Server.Tests.Surveys.Respondent;

/// <summary>Hostile forms posted to the respondent page: each a clear 4xx page, never a 5xx, and nothing stored.</summary>
public sealed class RespondentHostileInputTests(RespondentFixture fixture) : IClassFixture<RespondentFixture>
{
    private RespondentSite Site => fixture.Site;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private async Task<RespondentVisit> OpenAsync()
    {
        var visit = new RespondentVisit(Site.Browser(), await Site.InviteAsync());
        await visit.OpenAsync();
        return visit;
    }

    private async Task AssertNothingStoredAsync(RespondentVisit visit)
    {
        Assert.Empty(await Site.AnswersAsync(visit.Token));
        Assert.Equal("sent", (await Site.InvitationAsync(visit.Token)).Status);
    }

    [Fact]
    public async Task A_form_posted_without_the_page_cookie_is_refused_as_forged()
    {
        var visit = await OpenAsync();
        var elsewhere = new RespondentVisit(Site.Browser(), visit.Token); // another site's form: no antiforgery cookie
        var response = await elsewhere.PostAsync([.. visit.Hidden(), new("a.nps", "9")]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The form expired or did not come from this page", elsewhere.Html, StringComparison.Ordinal);
        await AssertNothingStoredAsync(visit);
    }

    [Fact]
    public async Task A_forged_antiforgery_field_is_refused()
    {
        var visit = await OpenAsync();
        var forged = visit.Hidden().Select(f => f.Key.StartsWith("__", StringComparison.Ordinal) ? new(f.Key, "forged") : f).ToList();
        Assert.Equal(HttpStatusCode.BadRequest, (await visit.PostAsync([.. forged, new("a.nps", "9")])).StatusCode);
        await AssertNothingStoredAsync(visit);
    }

    [Theory]
    [InlineData("a.nps", "eleven")]
    [InlineData("a.nps", "11")]
    [InlineData("a.nps", "-1")]
    public async Task A_value_of_the_wrong_type_or_off_the_scale_is_shown_back_and_not_stored(string field, string value)
    {
        var visit = await OpenAsync();
        var response = await visit.AnswerAsync((field, value));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Please choose a value on the scale.", visit.Html, StringComparison.Ordinal);
        await AssertNothingStoredAsync(visit);
    }

    [Theory]
    [InlineData("a.bogus")]
    [InlineData("a.comment")] // a field of a later page
    [InlineData("customerId")]
    public async Task A_field_the_page_does_not_have_is_refused(string field)
    {
        var visit = await OpenAsync();
        var response = await visit.AnswerAsync(("a.nps", "9"), (field, "x"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The form did not match this survey page", visit.Html, StringComparison.Ordinal);
        await AssertNothingStoredAsync(visit);
    }

    [Theory]
    [InlineData("99")]
    [InlineData("1")] // a page not reached yet
    [InlineData("x")]
    public async Task A_page_number_not_open_to_the_respondent_is_refused(string page)
    {
        var visit = await OpenAsync();
        var fields = visit.Hidden().Select(f => f.Key == "page" ? new(f.Key, page) : f).ToList();
        Assert.Equal(HttpStatusCode.BadRequest, (await visit.PostAsync([.. fields, new("a.nps", "9")])).StatusCode);
        await AssertNothingStoredAsync(visit);
    }

    [Fact]
    public async Task An_answer_to_a_question_its_condition_hides_is_refused()
    {
        var visit = await OpenAsync();
        await visit.AnswerAsync(("a.nps", "9"));
        var response = await visit.AnswerAsync(("a.why", "wait"), ("a.csat", "1"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.False((await Site.AnswersAsync(visit.Token)).ContainsKey("why"));
    }

    [Fact]
    public async Task Script_in_an_answer_is_shown_back_encoded()
    {
        var visit = await OpenAsync();
        await visit.AnswerAsync(("a.nps", "9"));
        var response = await visit.AnswerAsync(("a.comment", "<script>alert(1)</script>\"><img src=x onerror=alert(2)>"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode); // the matrix is missing: the page comes back
        Assert.DoesNotContain("<script>alert", visit.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", visit.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", visit.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_over_the_limit_is_refused_and_not_stored()
    {
        var visit = await OpenAsync();
        await visit.AnswerAsync(("a.nps", "9"));
        var response = await visit.AnswerAsync(("a.comment", new string('x', 4001)), ("a.csat", "1"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("At most 4000 characters.", visit.Html, StringComparison.Ordinal);
        Assert.False((await Site.AnswersAsync(visit.Token)).ContainsKey("comment"));
    }

    [Fact]
    public async Task A_body_over_the_form_limit_is_refused_with_a_4xx_and_not_stored()
    {
        var visit = await OpenAsync();
        var response = await visit.AnswerAsync(("a.nps", new string('9', 62 * 1024)));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("too long to be received", visit.Html, StringComparison.Ordinal);

        // Beyond 64 KiB the server refuses any form before the page sees it: still a 4xx.
        Assert.Equal(HttpStatusCode.BadRequest, (await visit.AnswerAsync(("a.nps", new string('9', 70 * 1024)))).StatusCode);
        await AssertNothingStoredAsync(visit);
    }

    [Fact]
    public async Task A_body_that_is_not_a_url_encoded_form_is_refused()
    {
        var visit = await OpenAsync();
        using var multipart = new MultipartFormDataContent { { new StringContent("9"), "a.nps" } };
        var response = await visit.Browser.PostAsync(new Uri($"/s/{visit.Token}", UriKind.Relative), multipart, Cancellation);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        await AssertNothingStoredAsync(visit);
    }

    [Fact]
    public async Task A_form_for_an_unknown_link_is_refused_without_a_server_error()
    {
        var visit = await OpenAsync();
        var stranger = new RespondentVisit(visit.Browser, new string('B', 43));
        var response = await stranger.PostAsync([.. visit.Hidden(), new("a.nps", "9")]);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
