using System.Globalization;
using CemOnPrem.Sdk.Engine.Surveys;
using CemOnPrem.Surveys.Responses;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Surveys.Respondent;

internal static partial class RespondentPages
{
    /// <summary>
    /// A page's form: checked (antiforgery, size, only this page's fields, every answer by the survey's rules), then
    /// saved — or, on the last page, the response finished. A refused form stores nothing.
    /// </summary>
    internal static async Task<IResult> SubmitAsync(string token, HttpContext http, RespondentLinks links, ISurveyResponseStore store,
        IAntiforgery antiforgery, IOptions<RespondentOptions> options, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var link = await links.FindAsync(token, cancellationToken).ConfigureAwait(false);
        var form = await RespondentFormBody.ReadAsync(http, antiforgery, settings.MaxFormBytes, cancellationToken).ConfigureAwait(false);
        var switchedTo = form.Form?[RespondentAnswers.LanguageField].ToString();
        var texts = TextsFor(link, switchedTo, http.Request);
        if (form.Refusal is { } refusal)
        {
            var (title, message) = refusal == StatusCodes.Status413PayloadTooLarge ? (texts.TooLargeTitle, texts.TooLarge)
                : refusal == StatusCodes.Status400BadRequest ? (texts.ForgedTitle, texts.Forged) : (texts.BadFormTitle, texts.BadForm);
            return RespondentHeaders.Page(http, RespondentHtml.Message(settings, texts, title, message), refusal);
        }

        if (link.State != LinkState.Open)
        {
            return StatusPage(http, settings, link, switchedTo, StatusCodes.Status409Conflict);
        }

        var (invitation, survey) = (link.Invitation!, link.Survey!);
        var attributes = invitation.Attributes;
        var paging = new SurveyPaging(survey.Template);
        var saved = RespondentAnswers.Pruned(survey.Template, await store.LoadAsync(invitation, cancellationToken).ConfigureAwait(false), attributes);
        var language = RespondentLanguage.Choose(survey.Languages, switchedTo, invitation.Language, http.Request);
        texts = PageTexts.For(language);
        if (!int.TryParse(form.Form![RespondentAnswers.PageField].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var page)
            || !paging.Shown(saved, attributes).Contains(page)
            // No posting past a page with a required answer missing (a forged page number, a form from a stale tab).
            || paging.Resume(saved, attributes, page) != page
            || RespondentAnswers.Posted(form.Form, paging.Pages[page].SelectMany(SurveyPaging.KeysOf).ToHashSet(StringComparer.Ordinal), http.RequestServices.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.FormFieldName) is not { } posted)
        {
            return RespondentHeaders.Page(http, RespondentHtml.Message(settings, texts, texts.BadFormTitle, texts.BadForm), StatusCodes.Status400BadRequest);
        }

        var pageKeys = paging.Pages[page].SelectMany(SurveyPaging.KeysOf).ToHashSet(StringComparer.Ordinal);
        var merged = RespondentAnswers.Merge(saved, pageKeys, posted);
        // Problems with what this page posted (a value off the scale, an answer to a hidden question, too long a text)…
        var problems = SurveyResponseValidation.Validate(survey.Template, merged, attributes, complete: false).Where(p => posted.ContainsKey(p.Key)).ToList();
        var answers = RespondentAnswers.Pruned(survey.Template, merged, attributes);
        // …and this page's required answers still missing.
        var shownKeys = paging.Visible(page, answers, attributes).SelectMany(SurveyPaging.KeysOf).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(SurveyResponseValidation.Validate(survey.Template, answers, attributes, complete: true)
            .Where(p => p.Code == "required" && shownKeys.Contains(p.Key)));
        if (problems.Count > 0)
        {
            return Form(http, antiforgery, settings, token, link, paging, page, language, merged, Messages(problems, texts), StatusCodes.Status422UnprocessableEntity);
        }

        var last = paging.IsLast(page, answers, attributes);
        var outcome = last
            ? await store.CompleteAsync(invitation, survey, answers, cancellationToken).ConfigureAwait(false)
            : await store.SaveProgressAsync(invitation, survey, answers, cancellationToken).ConfigureAwait(false);
        var escaped = Uri.EscapeDataString(token);
        var lang = Uri.EscapeDataString(language);
        return outcome.Status switch
        {
            ResponseStatus.Stored when last => Results.Redirect($"{Prefix}{escaped}/done?lang={lang}"),
            ResponseStatus.Stored => Results.Redirect(string.Create(CultureInfo.InvariantCulture,
                $"{Prefix}{escaped}?page={paging.Shown(answers, attributes).First(p => p > page)}&lang={lang}")),
            ResponseStatus.Invalid => Form(http, antiforgery, settings, token, link, paging, page, language, merged, Messages(outcome.Problems, texts),
                StatusCodes.Status422UnprocessableEntity),
            ResponseStatus.AlreadyAnswered => StatusPage(http, settings, link with { State = LinkState.Answered }, language, StatusCodes.Status409Conflict),
            _ => StatusPage(http, settings, link with { State = LinkState.Closed }, language, StatusCodes.Status410Gone),
        };
    }
}
