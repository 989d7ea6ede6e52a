using System.Net;

namespace CemOnPrem.Server.Tests.Surveys.Respondent;

/// <summary>The bank's name and logo from configuration, served by the product itself.</summary>
public sealed class RespondentBrandingTests(UnitLinkFixture fixture) : IClassFixture<UnitLinkFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_page_shows_the_configured_bank_name_encoded_and_its_logo_from_this_server()
    {
        var visit = new RespondentVisit(fixture.Site.Browser(), await fixture.Site.InviteAsync());
        await visit.OpenAsync();
        Assert.Contains("<span class=\"bank\">Acme &lt;Bank&gt; 银行</span>", visit.Html, StringComparison.Ordinal);
        Assert.Contains("<img src=\"/s/assets/logo\"", visit.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("http", visit.Html, StringComparison.Ordinal); // nothing from elsewhere

        var unknown = new RespondentVisit(fixture.Site.Browser(), new string('C', 43));
        await unknown.OpenAsync();
        Assert.Contains("Acme &lt;Bank&gt; 银行", unknown.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_logo_is_served_as_an_image_that_cannot_run_script()
    {
        var response = await fixture.Site.Browser().GetAsync(new Uri("/s/assets/logo", UriKind.Relative), Cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("sandbox", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal(UnitLinkFixture.Logo, await response.Content.ReadAsStringAsync(Cancellation));
    }
}
