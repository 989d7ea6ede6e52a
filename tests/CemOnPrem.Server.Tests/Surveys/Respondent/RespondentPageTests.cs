using System.Net;

namespace CemOnPrem.Server.Tests.Surveys.Respondent;

/// <summary>The respondent page over HTTP: pages, branching on the server, language, progress kept, the end states.</summary>
public sealed class RespondentPageTests(RespondentFixture fixture) : IClassFixture<RespondentFixture>
{
    private RespondentSite Site => fixture.Site;

    private async Task<RespondentVisit> OpenAsync(string language = "en", IReadOnlyDictionary<string, string>? attributes = null)
    {
        var visit = new RespondentVisit(Site.Browser(), await Site.InviteAsync(language, attributes));
        Assert.Equal(HttpStatusCode.OK, (await visit.OpenAsync()).StatusCode);
        return visit;
    }

    [Fact]
    public async Task Opening_a_link_shows_the_first_page_with_safe_headers_and_records_the_view()
    {
        var visit = new RespondentVisit(Site.Browser(), await Site.InviteAsync());
        var response = await visit.OpenAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html lang=\"en\">", visit.Html, StringComparison.Ordinal);
        Assert.Contains("Would you recommend us?", visit.Html, StringComparison.Ordinal);
        Assert.Contains("0 = Not at all likely", visit.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("How satisfied were you?", visit.Html, StringComparison.Ordinal); // the next page: after the answer "why" depends on
        Assert.DoesNotContain("<script", visit.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", visit.Html, StringComparison.Ordinal);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        Assert.Equal(("sent", true), await Site.InvitationAsync(visit.Token));
    }

    [Fact]
    public async Task A_low_score_shows_the_follow_up_question_and_a_high_one_hides_it()
    {
        var low = await OpenAsync();
        await low.AnswerAsync(("a.nps", "3"));
        Assert.Contains("What disappointed you?", low.Html, StringComparison.Ordinal);

        var high = await OpenAsync();
        await high.AnswerAsync(("a.nps", "9"));
        Assert.DoesNotContain("What disappointed you?", high.Html, StringComparison.Ordinal);
        Assert.Contains("How satisfied were you?", high.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_attribute_condition_shows_its_question_from_the_start_of_its_page()
    {
        var advisor = await OpenAsync(attributes: new Dictionary<string, string> { ["desk"] = "advisor" });
        await advisor.AnswerAsync(("a.nps", "9"));
        Assert.Contains("Your advisor?", advisor.Html, StringComparison.Ordinal);

        var teller = await OpenAsync(attributes: new Dictionary<string, string> { ["desk"] = "teller" });
        await teller.AnswerAsync(("a.nps", "9"));
        Assert.DoesNotContain("Your advisor?", teller.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_required_answer_is_named_at_the_top_and_at_its_field_and_nothing_is_finished()
    {
        var visit = await OpenAsync();
        await visit.AnswerAsync(("a.nps", "9"));
        var response = await visit.AnswerAsync(("a.comment", "Quick & kind"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("class=\"summary\" role=\"alert\"", visit.Html, StringComparison.Ordinal);
        Assert.Contains("How satisfied were you?: Please answer this question.", visit.Html, StringComparison.Ordinal);
        Assert.Contains("aria-describedby=\"e-", visit.Html, StringComparison.Ordinal);
        Assert.Contains(">Quick &amp; kind</textarea>", visit.Html, StringComparison.Ordinal); // what was typed stays
        Assert.Equal("sent", (await Site.InvitationAsync(visit.Token)).Status);
    }

    [Fact]
    public async Task Finishing_shows_thanks_and_the_link_then_says_already_received()
    {
        var visit = await OpenAsync();
        await visit.AnswerAsync(("a.nps", "2"));
        var replay = visit.Hidden();
        var done = await visit.AnswerAsync(("a.why", "wait"), ("a.why", "other"), ("a.why/other", "No seats"), ("a.csat", "2"),
            ("a.channel", "app"), ("a.comment", "Fine"));

        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Contains("Thank you, your answers have been received.", visit.Html, StringComparison.Ordinal);
        Assert.Equal("completed", (await Site.InvitationAsync(visit.Token)).Status);
        var answers = await Site.AnswersAsync(visit.Token);
        Assert.Equal(["wait", "other"], answers["why"]);
        Assert.Equal(["No seats"], answers["why/other"]);

        Assert.Equal(HttpStatusCode.OK, (await visit.OpenAsync()).StatusCode);
        Assert.Contains("already been received", visit.Html, StringComparison.Ordinal);
        var again = await visit.PostAsync([.. replay, new("a.why", "staff"), new("a.csat", "1")]);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(["wait", "other"], (await Site.AnswersAsync(visit.Token))["why"]);
    }

    [Fact]
    public async Task Reopening_the_link_continues_on_the_page_after_the_saved_answers()
    {
        var visit = await OpenAsync();
        await visit.AnswerAsync(("a.nps", "5"));

        var later = new RespondentVisit(Site.Browser(), visit.Token);
        await later.OpenAsync();
        Assert.Contains("What disappointed you?", later.Html, StringComparison.Ordinal);
        Assert.Equal(["5"], (await Site.AnswersAsync(visit.Token))["nps"]);
    }

    [Fact]
    public async Task The_page_speaks_the_invitation_language_else_the_browser_language_and_offers_a_switch()
    {
        var zh = await OpenAsync("zh");
        Assert.Contains("<html lang=\"zh\">", zh.Html, StringComparison.Ordinal);
        Assert.Contains("您会推荐我们吗？", zh.Html, StringComparison.Ordinal);
        Assert.Contains("hreflang=\"en\">English</a>", zh.Html, StringComparison.Ordinal);

        var browser = Site.Browser();
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN,zh;q=0.9,en;q=0.5");
        var accepted = new RespondentVisit(browser, await Site.InviteAsync("fr"));
        await accepted.OpenAsync();
        Assert.Contains("<html lang=\"zh\">", accepted.Html, StringComparison.Ordinal);

        await zh.OpenAsync("?lang=en");
        Assert.Contains("Would you recommend us?", zh.Html, StringComparison.Ordinal);
        await zh.AnswerAsync(("a.nps", "9"));
        Assert.Contains("How satisfied were you?", zh.Html, StringComparison.Ordinal); // the switch carries on through the form
    }

    [Fact]
    public async Task Unknown_expired_and_closed_links_get_clear_pages_with_their_status()
    {
        var unknown = new RespondentVisit(Site.Browser(), new string('A', 43));
        Assert.Equal(HttpStatusCode.NotFound, (await unknown.OpenAsync()).StatusCode);
        Assert.Contains("This survey link is not known", unknown.Html, StringComparison.Ordinal);

        var malformed = new RespondentVisit(Site.Browser(), "not-a-token");
        Assert.Equal(HttpStatusCode.NotFound, (await malformed.OpenAsync()).StatusCode);

        var expired = new RespondentVisit(Site.Browser(), await Site.InviteAsync("zh", expiresAt: DateTimeOffset.UtcNow.AddMinutes(-1)));
        Assert.Equal(HttpStatusCode.Gone, (await expired.OpenAsync()).StatusCode);
        Assert.Contains("此问卷链接已过期", expired.Html, StringComparison.Ordinal);

        var suppressed = new RespondentVisit(Site.Browser(), await Site.InviteAsync(status: "suppressed"));
        Assert.Equal(HttpStatusCode.Gone, (await suppressed.OpenAsync()).StatusCode);
        Assert.False((await Site.InvitationAsync(suppressed.Token)).Opened);
    }

    [Fact]
    public async Task The_stylesheet_is_served_by_the_product()
    {
        var response = await Site.Browser().GetAsync(new Uri("/s/assets/respondent.css", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(":focus-visible", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
