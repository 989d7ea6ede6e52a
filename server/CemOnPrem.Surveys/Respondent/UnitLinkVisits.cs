using System.Globalization;
using System.Threading.RateLimiting;
using CemOnPrem.Surveys.Definitions;
using CemOnPrem.Surveys.Invitations;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Surveys.Respondent;

/// <summary>
/// <c>/s/u/{unitToken}</c>: a visit to an org unit's anonymous link makes an anonymous invitation and sends the browser
/// on to its page. Visits are limited per client address and per link (ASP.NET Core's rate limiters), so a ballot
/// stuffer gets a clear 429 page instead of fresh invitations.
/// </summary>
internal static class UnitLinkVisits
{
    public const string Prefix = "/s/u/";

    public static IEndpointRouteBuilder MapUnitLinkVisits(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/s/u/{unitToken}", VisitAsync).WithName("UnitLinkVisit").AllowAnonymous().ExcludeFromDescription();
        return routes;
    }

    internal static async Task<IResult> VisitAsync(string unitToken, HttpContext http, UnitLinkLimiter limiter, UnitLinkStore links, ISurveyCatalog catalog,
        IOptions<RespondentOptions> options, CancellationToken cancellationToken)
    {
        var texts = PageTexts.For(RespondentLanguage.Choose(RespondentLanguage.Product, http.Request.Query["lang"].ToString(), null, http.Request));
        // Counted before the look-up, so guessing tokens costs the guesser's own budget too.
        using var lease = limiter.Acquire(http, InvitationTokens.IsWellFormed(unitToken) ? unitToken : null);
        if (!lease.IsAcquired)
        {
            if (lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            {
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }

            return RespondentHeaders.Page(http, RespondentHtml.Message(options.Value, texts, texts.TooManyTitle, texts.TooMany), StatusCodes.Status429TooManyRequests);
        }

        var link = InvitationTokens.IsWellFormed(unitToken) ? await links.FindAsync(unitToken, cancellationToken).ConfigureAwait(false) : null;
        if (link is null)
        {
            return RespondentHeaders.Page(http, RespondentHtml.Message(options.Value, texts, texts.NotFoundTitle, texts.NotFound), StatusCodes.Status404NotFound);
        }

        // The survey's current version: a unit link outlives pack updates and admin edits.
        if (await catalog.FindAsync(link.SurveyKey, null, cancellationToken).ConfigureAwait(false) is not { } survey)
        {
            return RespondentHeaders.Page(http, RespondentHtml.Message(options.Value, texts, texts.ExpiredTitle, texts.Expired), StatusCodes.Status410Gone);
        }

        var token = await links.VisitAsync(link, survey, cancellationToken).ConfigureAwait(false);
        RespondentHeaders.Apply(http.Response);
        return Results.Redirect(RespondentPages.Prefix + token);
    }
}
