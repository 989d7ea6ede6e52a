using CemOnPrem.Browser.Tests.Support;
using Microsoft.Playwright;

namespace CemOnPrem.Browser.Tests.Surveys;

/// <summary>
/// The respondent page in real Chromium on a phone-sized viewport: a branch that shows a question and one that hides
/// it, the message for a missing required answer, the thank-you page; in English and Chinese, with and without
/// JavaScript. Screenshots go to TestResults/screenshots (the path is printed).
/// </summary>
public sealed class RespondentBrowserTests(BrowserSite browser) : IClassFixture<BrowserSite>
{
    private sealed record Words(string Next, string Submit, string Nps, string Why, string Csat, string MissingAnswer, string Thanks);

    private static readonly Dictionary<string, Words> Language = new()
    {
        ["en"] = new("Next", "Submit", "Would you recommend us?", "What disappointed you?", "How satisfied were you?",
            "Please answer this question.", "Thank you, your answers have been received."),
        ["zh"] = new("下一页", "提交", "您会推荐我们吗？", "哪些方面让您不满意？", "您满意吗？", "请回答此问题。", "谢谢，我们已收到您的回答。"),
    };

    [Theory]
    [InlineData("en", true)]
    [InlineData("zh", true)]
    [InlineData("en", false)]
    [InlineData("zh", false)]
    public async Task A_respondent_answers_on_a_phone_through_both_branches_to_the_thank_you_page(string language, bool javaScript)
    {
        var words = Language[language];
        await using var context = await browser.PhoneAsync(javaScript, language == "zh" ? "zh-CN" : "en-GB");
        var page = await context.NewPageAsync();
        var shots = new Screenshots(page, $"{language}-{(javaScript ? "js" : "nojs")}");

        // A low score: "why" is shown on the next page.
        var low = await browser.Site.InviteAsync(language);
        await page.GotoAsync(new Uri(browser.Site.Address!, "/s/" + low).ToString());
        Assert.Equal(language, await page.Locator("html").GetAttributeAsync("lang"));
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = words.Nps })).ToBeVisibleAsync();
        await shots.TakeAsync("1-first-page");
        await page.GetByRole(AriaRole.Group, new() { Name = words.Nps }).GetByText("3", new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = words.Next }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = words.Why })).ToBeVisibleAsync();
        await shots.TakeAsync("2-branch-shown");

        // Submitted without the required CSAT: the summary and the field say so.
        await page.GetByRole(AriaRole.Group, new() { Name = words.Why }).GetByRole(AriaRole.Checkbox).First.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = words.Submit }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(words.MissingAnswer);
        await shots.TakeAsync("3-missing-answer");

        await page.GetByRole(AriaRole.Group, new() { Name = words.Csat }).GetByText("4", new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = words.Submit }).ClickAsync();
        await Assertions.Expect(page.GetByText(words.Thanks)).ToBeVisibleAsync();
        await shots.TakeAsync("4-thank-you");
        Assert.Equal("completed", (await browser.Site.InvitationAsync(low)).Status);

        // A high score: "why" stays hidden; the keyboard alone answers (focus, arrow keys, Enter).
        var high = await browser.Site.InviteAsync(language);
        await page.GotoAsync(new Uri(browser.Site.Address!, "/s/" + high).ToString());
        await page.GetByRole(AriaRole.Radio, new() { Name = "9", Exact = true }).FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await page.GetByRole(AriaRole.Button, new() { Name = words.Next }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = words.Csat })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = words.Why })).ToHaveCountAsync(0);
        await shots.TakeAsync("5-branch-hidden");
        await page.GetByRole(AriaRole.Group, new() { Name = words.Csat }).GetByText("5", new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = words.Submit }).ClickAsync();
        await Assertions.Expect(page.GetByText(words.Thanks)).ToBeVisibleAsync();
        Assert.Equal(["9"], (await browser.Site.AnswersAsync(high))["nps"]);
    }

    /// <summary>Numbered screenshots of one run, each path printed so a failing run's pictures are easy to find.</summary>
    private sealed class Screenshots(IPage page, string run)
    {
        public async Task TakeAsync(string step)
        {
            var path = Path.Combine(BrowserSite.Screenshots, $"{run}-{step}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
            TestContext.Current.TestOutputHelper?.WriteLine("screenshot: " + path);
        }
    }
}
