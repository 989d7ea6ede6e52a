using System.Security.Claims;
using CemOnPrem.Audit.Http;
using CemOnPrem.Http.OrgUnits;
using CemOnPrem.Http.Problems;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Storage.Databases;
using CemOnPrem.Surveys.Definitions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CemOnPrem.Surveys.Respondent;

/// <summary>
/// <c>/api/v1/surveys/{surveyKey}/unit-links</c>: anonymous links per org unit (a QR code at a branch counter). Admins
/// only; every call audited. The link (with its token) is in the answer to the POST only.
/// </summary>
public static class UnitLinksApi
{
    public static RouteGroupBuilder MapUnitLinksApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/surveys/{surveyKey}/unit-links").WithTags("Surveys").RequireAuthorization(CemPolicies.Admin);
        group.MapPost("/", CreateAsync).WithName("CreateSurveyUnitLink").WithSummary("Make an org unit's anonymous link to the survey; the link is shown once.")
            .Audited(UnitLinkAuditActions.Create, resource: Resource);
        group.MapGet("/", ListAsync).WithName("ListSurveyUnitLinks").WithSummary("The survey's anonymous unit links (never their tokens).")
            .Audited(UnitLinkAuditActions.List, resource: Resource);
        group.MapDelete("/{id:guid}", RevokeAsync).WithName("RevokeSurveyUnitLink").WithSummary("Revoke a unit link: its QR code leads nowhere from now on.")
            .Audited(UnitLinkAuditActions.Revoke, resource: Resource);
        return group;
    }

    internal static async Task<Results<Created<CreatedUnitLink>, ProblemHttpResult>> CreateAsync(string surveyKey, UnitLinkBody? body,
        ISurveyCatalog catalog, RegionDatabases regions, OrgTreeCache orgTree, UnitLinkStore links, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await catalog.FindAsync(surveyKey, null, cancellationToken).ConfigureAwait(false) is not { } survey)
        {
            return Problem.NotFound("No published survey has this key.");
        }

        if (string.IsNullOrWhiteSpace(body?.OrgUnit))
        {
            return Problem.Invalid("orgUnit", "is required: the org unit whose counter shows the link.");
        }

        if ((await orgTree.UnknownAsync([body.OrgUnit], cancellationToken).ConfigureAwait(false)).Count > 0)
        {
            return Problem.Invalid("orgUnit", $"'{body.OrgUnit}' is not an org unit.", StatusCodes.Status422UnprocessableEntity, CemOnPrem.Contracts.Problems.ProblemTypes.UnknownOrgUnit);
        }

        var region = body.Region ?? (regions.Regions.Count == 1 ? regions.Regions[0] : null);
        if (region is null || !regions.IsKnown(region))
        {
            return Problem.Invalid("region", $"must be one of the regions this node serves ({string.Join(", ", regions.Regions)}).");
        }

        var language = body.Language ?? (survey.Languages.Count > 0 ? survey.Languages[0] : "en");
        if (!survey.Languages.Contains(language))
        {
            return Problem.Invalid("language", $"must be one of the survey's languages ({string.Join(", ", survey.Languages)}).");
        }

        var (link, token) = await links.CreateAsync(region, survey.Key, body.OrgUnit, language, HttpAuditActor.Of(user).Id, cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/api/v1/surveys/{Uri.EscapeDataString(survey.Key)}/unit-links/{link.Id}", new CreatedUnitLink(link, UnitLinkVisits.Prefix + token));
    }

    internal static async Task<Ok<UnitLinkList>> ListAsync(string surveyKey, UnitLinkStore links, CancellationToken cancellationToken) =>
        TypedResults.Ok(new UnitLinkList(await links.ListAsync(surveyKey, cancellationToken).ConfigureAwait(false)));

    internal static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(string surveyKey, Guid id, UnitLinkStore links, ClaimsPrincipal user,
        CancellationToken cancellationToken) =>
        await links.RevokeAsync(surveyKey, id, HttpAuditActor.Of(user).Id, cancellationToken).ConfigureAwait(false)
            ? TypedResults.NoContent()
            : Problem.NotFound("The survey has no such live unit link.");

    private static string Resource(HttpContext http) =>
        "survey/" + http.GetRouteValue("surveyKey") + "/unit-links" + (http.GetRouteValue("id") is string id ? "/" + id : "");
}
