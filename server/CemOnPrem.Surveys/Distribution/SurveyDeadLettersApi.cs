using CemOnPrem.Audit.Http;
using CemOnPrem.Cases.Notifications;
using CemOnPrem.Http.Problems;
using CemOnPrem.Http.Residency;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Storage.Databases;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CemOnPrem.Surveys.Distribution;

/// <summary>
/// <c>/api/v1/admin/surveys/outbox/dead-letters</c>: survey deliveries given up on, per region, and retrying one.
/// Role admin; audited in the privileged category <c>webhook</c> like the cases' dead letters; served regions only.
/// </summary>
public static class SurveyDeadLettersApi
{
    public const string ListAction = "webhook.survey-dead-letter-list";
    public const string RetryAction = "webhook.survey-dead-letter-retry";

    public static RouteGroupBuilder MapSurveyDeadLettersApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/admin/surveys/outbox").WithTags("Surveys").RequireAuthorization(CemPolicies.Admin);
        group.MapGet("/dead-letters", ListAsync).WithName("ListSurveyDeadLetters")
            .WithSummary("A region's dead survey deliveries (e-mail and webhook), newest first.").Audited(ListAction);
        group.MapPost("/dead-letters/{region}/{id:guid}/retry", RetryAsync).WithName("RetrySurveyDeadLetter")
            .WithSummary("Deliver a dead survey delivery again (consent and cap are checked again).").ServedRegionOnly()
            .Audited(RetryAction, resource: http => $"survey-outbox/{http.GetRouteValue("region")}/{http.GetRouteValue("id")}");
        return group;
    }

    internal static async Task<Results<Ok<SurveyDeadLetterList>, ProblemHttpResult>> ListAsync(
        string? region, RegionDatabases regions, RegionRouting routing, SurveyDeadLetters deadLetters, CancellationToken cancellationToken) =>
        DeadLettersApi.RegionProblem(region, regions, routing) is { } problem
            ? problem
            : TypedResults.Ok(new SurveyDeadLetterList(await deadLetters.ListAsync(region!, cancellationToken).ConfigureAwait(false)));

    internal static async Task<Results<Ok<SurveyDeadLetter>, ProblemHttpResult>> RetryAsync(
        string region, Guid id, RegionDatabases regions, SurveyDeadLetters deadLetters, CancellationToken cancellationToken)
    {
        if (!regions.IsKnown(region))
        {
            return Problem.NotFound($"Region '{region}' is not configured.");
        }

        return await deadLetters.RetryAsync(region, id, cancellationToken).ConfigureAwait(false) is { } retried
            ? TypedResults.Ok(retried)
            : Problem.NotFound("No dead delivery of an unexpired invitation with that id in that region.");
    }
}

public sealed record SurveyDeadLetterList(IReadOnlyList<SurveyDeadLetter> Items);
