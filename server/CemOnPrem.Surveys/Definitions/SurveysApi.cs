using CemOnPrem.Audit.Http;
using CemOnPrem.Audit.Records;
using CemOnPrem.Http.Problems;
using CemOnPrem.Identity.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CemOnPrem.Surveys.Definitions;

/// <summary>
/// <c>/api/v1/surveys</c>, the definitions (docs/surveys.md, "Survey definitions and question kinds"): reading for
/// the CX roles (<see cref="CemPolicies.Aggregates"/>: analyst, admin, agent), drafts and publishing for admins
/// (audited, category <c>survey-definition</c>). Definitions name no one. Pack surveys are read-only here.
/// </summary>
public static partial class SurveysApi
{
    public static RouteGroupBuilder MapSurveyDefinitionEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/surveys").WithTags("Surveys");
        group.MapGet("/", ListAsync).RequireAuthorization(CemPolicies.Aggregates).WithName("ListSurveys")
            .WithSummary("The latest published version of every survey (pack and admin-made), with languages and question count.");
        group.MapGet("/{key}", GetAsync).RequireAuthorization(CemPolicies.Aggregates).WithName("GetSurvey")
            .WithSummary("A survey's latest published version with its questions, or ?version= one.");
        group.MapGet("/{key}/versions", VersionsAsync).RequireAuthorization(CemPolicies.Aggregates).WithName("ListSurveyVersions")
            .WithSummary("A survey's published versions, oldest first.");
        group.MapGet("/{key}/draft", GetDraftAsync).RequireAuthorization(CemPolicies.Admin).WithName("GetSurveyDraft")
            .WithSummary("An admin-made survey's draft with its ETag and the problems that would keep it from being published.");
        group.MapPost("/", CreateDraftAsync).RequireAuthorization(CemPolicies.Admin).WithName("CreateSurveyDraft")
            .WithSummary("Start a draft: the body is the survey (pack file format) with its id, which becomes its key.")
            .Audited(AuditActions.SurveyDraftCreate, resource: CreatedResource);
        group.MapPut("/{key}/draft", ReplaceDraftAsync).RequireAuthorization(CemPolicies.Admin).WithName("ReplaceSurveyDraft")
            .WithSummary("Replace a draft (If-Match).").Audited(AuditActions.SurveyDraftReplace, resource: Resource);
        group.MapPost("/{key}/publish", PublishAsync).RequireAuthorization(CemPolicies.Admin).WithName("PublishSurvey")
            .WithSummary("Publish the draft as the next version (1, 2, …); 409 naming the problems when it breaks the survey rules.")
            .Audited(AuditActions.SurveyPublish, resource: Resource);
        group.MapDelete("/{key}/draft", DeleteDraftAsync).RequireAuthorization(CemPolicies.Admin).WithName("DeleteSurveyDraft")
            .WithSummary("Drop a draft (If-Match); published versions stay.").Audited(AuditActions.SurveyDraftDelete, resource: Resource);
        return group;
    }

    internal static async Task<Ok<SurveyListResponse>> ListAsync(ISurveyCatalog catalog, SurveyDraftStore drafts, CancellationToken cancellationToken)
    {
        var published = await catalog.ListAsync(cancellationToken).ConfigureAwait(false);
        var withDraft = await drafts.KeysWithDraftAsync(cancellationToken).ConfigureAwait(false);
        var keys = published.Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        return TypedResults.Ok(new SurveyListResponse(
            [.. published.Select(s => SurveySummary.Of(s, withDraft.Contains(s.Key)))],
            [.. withDraft.Where(k => !keys.Contains(k)).Order(StringComparer.Ordinal)]));
    }

    internal static async Task<Results<Ok<SurveyDetail>, ProblemHttpResult>> GetAsync(string key, string? version, ISurveyCatalog catalog, CancellationToken cancellationToken)
    {
        if (version is { Length: 0 or > 64 })
        {
            return Problem.Invalid("version", "must be a published version of the survey (see …/versions), 1-64 characters.");
        }

        return SurveyKeys.Parse(key) is not null && await catalog.FindAsync(key, version, cancellationToken).ConfigureAwait(false) is { } survey
            ? TypedResults.Ok(SurveyDetail.Of(survey))
            : NoSurvey(key, version);
    }

    internal static async Task<Results<Ok<SurveyVersionsResponse>, ProblemHttpResult>> VersionsAsync(
        string key, ISurveyCatalog catalog, SurveyVersionStore versions, CancellationToken cancellationToken)
    {
        if (SurveyKeys.Parse(key) is null)
        {
            return NoSurvey(key, null);
        }

        // Finding the active pack version records it, so the list includes it even before anyone was sent the survey.
        _ = await catalog.FindAsync(key, null, cancellationToken).ConfigureAwait(false);
        var items = await versions.VersionsAsync(key, cancellationToken).ConfigureAwait(false);
        return items.Count > 0 ? TypedResults.Ok(new SurveyVersionsResponse(key, items)) : NoSurvey(key, null);
    }

    internal static ProblemHttpResult NoSurvey(string key, string? version) =>
        Problem.NotFound($"No survey '{Clip(key)}'{(version is null ? "" : $" in version '{Clip(version)}'")}; see GET /api/v1/surveys.");

    internal static string Clip(string value) => value.Length > 80 ? value[..80] + "…" : value;

    private static string Resource(HttpContext context) => "survey/" + context.Request.RouteValues["key"];

    private static string CreatedResource(HttpContext context) =>
        context.Items.TryGetValue(CreatedKeyItem, out var key) && key is string created ? "survey/" + created : "survey";

    private const string CreatedKeyItem = "cem.survey-key";
}
