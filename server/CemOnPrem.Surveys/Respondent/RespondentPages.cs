using System.Globalization;
using CemOnPrem.Sdk.Engine.Surveys;
using CemOnPrem.Surveys.Responses;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Surveys.Respondent;

/// <summary>
/// <c>/s/{token}</c>: the survey page by page, answered with plain forms (no script needed). Every page the respondent
/// finishes is saved, so reopening the link continues where they left; the last one finishes the response.
/// </summary>
internal static partial class RespondentPages
{
    public const string Prefix = "/s/";

    public static IEndpointRouteBuilder MapRespondentPageRoutes(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/s/{token}", ShowAsync).WithName("RespondentPage").AllowAnonymous().ExcludeFromDescription();
        routes.MapPost("/s/{token}", SubmitAsync).WithName("RespondentSubmit").AllowAnonymous().ExcludeFromDescription().DisableAntiforgery();
        routes.MapGet("/s/{token}/done", DoneAsync).WithName("RespondentThanks").AllowAnonymous().ExcludeFromDescription();
        return routes;
    }

    internal static async Task<IResult> ShowAsync(string token, HttpContext http, RespondentLinks links, ISurveyResponseStore store,
        IAntiforgery antiforgery, IOptions<RespondentOptions> options, CancellationToken cancellationToken)
    {
        var link = await links.FindAsync(token, cancellationToken).ConfigureAwait(false);
        var switchedTo = http.Request.Query[RespondentAnswers.LanguageField].ToString();
        if (link.State != LinkState.Open)
        {
            return StatusPage(http, options.Value, link, switchedTo, StatusCodes.Status200OK);
        }

        var (invitation, survey) = (link.Invitation!, link.Survey!);
        await links.MarkOpenedAsync(invitation, cancellationToken).ConfigureAwait(false);
        var saved = RespondentAnswers.Pruned(survey.Template, await store.LoadAsync(invitation, cancellationToken).ConfigureAwait(false), invitation.Attributes);
        var language = RespondentLanguage.Choose(survey.Languages, switchedTo, invitation.Language, http.Request);
        var paging = new SurveyPaging(survey.Template);
        var requested = int.TryParse(http.Request.Query[RespondentAnswers.PageField].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : (int?)null;
        var page = paging.Resume(saved, invitation.Attributes, requested);
        return Form(http, antiforgery, options.Value, token, link, paging, page, language, saved, new Dictionary<string, string>(), StatusCodes.Status200OK);
    }

    internal static async Task<IResult> DoneAsync(string token, HttpContext http, RespondentLinks links, IOptions<RespondentOptions> options, CancellationToken cancellationToken)
    {
        var link = await links.FindAsync(token, cancellationToken).ConfigureAwait(false);
        var switchedTo = http.Request.Query[RespondentAnswers.LanguageField].ToString();
        if (link.State != LinkState.Answered)
        {
            return link.State == LinkState.Open ? Results.Redirect(Prefix + Uri.EscapeDataString(token), preserveMethod: false) : StatusPage(http, options.Value, link, switchedTo, StatusCodes.Status200OK);
        }

        var texts = TextsFor(link, switchedTo, http.Request);
        return RespondentHeaders.Page(http, RespondentHtml.Message(options.Value, texts, texts.ThanksTitle, texts.Thanks), StatusCodes.Status200OK);
    }

    /// <summary>A page of the survey; <paramref name="errors"/> by answer key (empty when the page is shown fresh).</summary>
    private static IResult Form(HttpContext http, IAntiforgery antiforgery, RespondentOptions options, string token, RespondentLink link, SurveyPaging paging,
        int page, string language, IReadOnlyDictionary<string, IReadOnlyList<string>> answers, IReadOnlyDictionary<string, string> errors, int status)
    {
        var (invitation, survey) = (link.Invitation!, link.Survey!);
        var texts = PageTexts.For(language);
        var shown = paging.Shown(answers, invitation.Attributes);
        var tokens = antiforgery.GetAndStoreTokens(http);
        var content = RespondentForm.Content(survey.Template, paging.Visible(page, answers, invitation.Attributes), token, page, shown.ToList().IndexOf(page) + 1,
            shown.Count, paging.IsLast(page, answers, invitation.Attributes), language, texts, answers, errors, tokens.FormFieldName, tokens.RequestToken ?? "");
        var switches = survey.Languages.Where(l => l != language)
            .Select(l => (l, string.Create(CultureInfo.InvariantCulture, $"{Prefix}{Uri.EscapeDataString(token)}?page={page}&lang={Uri.EscapeDataString(l)}"))).ToList();
        var title = LocalText.Of(survey.Template.Name, language);
        return RespondentHeaders.Page(http, RespondentHtml.Document(options, texts, language, title, content, switches), status);
    }

    /// <summary>Unknown (404), closed (410) and answered links; answered is <paramref name="answeredStatus"/> (200 on a visit, 409 on a form).</summary>
    private static IResult StatusPage(HttpContext http, RespondentOptions options, RespondentLink link, string? switchedTo, int answeredStatus)
    {
        var texts = TextsFor(link, switchedTo, http.Request);
        var (title, message, status) = link.State switch
        {
            LinkState.Answered => (texts.AnsweredTitle, texts.Answered, answeredStatus),
            LinkState.Closed => (texts.ExpiredTitle, texts.Expired, StatusCodes.Status410Gone),
            _ => (texts.NotFoundTitle, texts.NotFound, StatusCodes.Status404NotFound),
        };
        return RespondentHeaders.Page(http, RespondentHtml.Message(options, texts, title, message), status);
    }

    private static PageTexts TextsFor(RespondentLink link, string? switchedTo, HttpRequest request) =>
        PageTexts.For(RespondentLanguage.Choose(link.Survey?.Languages ?? RespondentLanguage.Product, switchedTo, link.Invitation?.Language, request));

    /// <summary>The page's problems as messages by answer key, in the page's language.</summary>
    private static Dictionary<string, string> Messages(IEnumerable<AnswerProblem> problems, PageTexts texts)
    {
        var messages = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var problem in problems)
        {
            messages.TryAdd(problem.Key, texts.ProblemMessage(problem.Code));
        }

        return messages;
    }
}
