using System.Net;
using System.Text.RegularExpressions;

namespace CemOnPrem.Server.Tests.Surveys.Respondent;

/// <summary>One respondent's browser at the HTTP level: opens the link, posts the page's form with the page's own hidden fields.</summary>
public sealed partial class RespondentVisit(HttpClient browser, string token)
{
    public HttpClient Browser { get; } = browser;

    public string Token { get; } = token;

    public string Html { get; private set; } = "";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async Task<HttpResponseMessage> OpenAsync(string query = "")
    {
        var response = await Browser.GetAsync(new Uri($"/s/{Token}{query}", UriKind.Relative), Cancellation);
        Html = await response.Content.ReadAsStringAsync(Cancellation);
        return response;
    }

    /// <summary>Posts the current page's hidden fields (antiforgery, page, language) plus <paramref name="fields"/>; follows one redirect.</summary>
    public async Task<HttpResponseMessage> AnswerAsync(params (string Field, string Value)[] fields)
    {
        var form = Hidden().Concat(fields.Select(f => new KeyValuePair<string, string>(f.Field, f.Value))).ToList();
        return await PostAsync(form);
    }

    public async Task<HttpResponseMessage> PostAsync(IEnumerable<KeyValuePair<string, string>> form)
    {
        using var content = new FormUrlEncodedContent(form);
        var response = await Browser.PostAsync(new Uri($"/s/{Token}", UriKind.Relative), content, Cancellation);
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            response = await Browser.GetAsync(response.Headers.Location!, Cancellation);
        }

        Html = await response.Content.ReadAsStringAsync(Cancellation);
        return response;
    }

    /// <summary>The hidden fields of the page's form, as the browser would post them.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Hidden() =>
        [.. HiddenField().Matches(Html).Select(m => new KeyValuePair<string, string>(WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value)))];

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenField();
}
