using CemOnPrem.Audit.Http;
using CemOnPrem.Audit.Records;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Plugins.Hosting;
using CemOnPrem.Contracts.Problems;
using CemOnPrem.Http.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CemOnPrem.Server.Packs;

/// <summary><c>/api/v1/packs</c>: installed packs, their status and signature, and the administrator's switch.</summary>
public static class PacksApi
{
    /// <summary>Problem type of enabling a pack that the host refused to load.</summary>

    public const int MaxReasonLength = 500;

    public static RouteGroupBuilder MapPacksApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/packs").WithTags("Packs").RequireAuthorization(CemPolicies.Admin);
        group.MapGet("/", List).WithName("ListPacks")
            .WithSummary("Every pack in the packs directory: status, signature, manifest and what it contributes.");
        group.MapGet("/{id}", Get).WithName("GetPack")
            .WithSummary("One pack.");
        group.MapPost("/{id}/disable", DisableAsync).WithName("DisablePack")
            .WithSummary("Switch a pack off at once (persisted; survives restarts). Body: {\"reason\": \"...\"}.")
            .Audited(AuditActions.PackDisable, resource: PackResource);
        group.MapPost("/{id}/enable", EnableAsync).WithName("EnablePack")
            .WithSummary("Switch a pack on again (also after a fault); 409 for a pack the host refused.")
            .Audited(AuditActions.PackEnable, resource: PackResource);
        return group;
    }

    internal static string PackResource(HttpContext context) => "pack/" + context.Request.RouteValues["id"];

    internal static Ok<PackListResponse> List(PackRegistry registry) =>
        TypedResults.Ok(new PackListResponse([.. registry.Packs.Select(PackResponse.From)]));

    internal static Results<Ok<PackResponse>, ProblemHttpResult> Get(string id, PackRegistry registry) =>
        registry.Find(id) is { } pack ? TypedResults.Ok(PackResponse.From(pack)) : NoSuchPack(id);

    internal static async Task<Results<Ok<PackResponse>, ProblemHttpResult>> DisableAsync(
        string id, DisablePackRequest? body, PackRegistry registry, CancellationToken cancellationToken)
    {
        if (registry.Find(id) is null)
        {
            return NoSuchPack(id);
        }

        var reason = body?.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > MaxReasonLength)
        {
            return Problem.Invalid("reason", $"is required (1-{MaxReasonLength} characters): why the pack is switched off.");
        }

        return Answer(id, await registry.DisableAsync(id, reason, cancellationToken).ConfigureAwait(false));
    }

    internal static async Task<Results<Ok<PackResponse>, ProblemHttpResult>> EnableAsync(
        string id, PackRegistry registry, CancellationToken cancellationToken) =>
        Answer(id, await registry.EnableAsync(id, cancellationToken).ConfigureAwait(false));

    private static Results<Ok<PackResponse>, ProblemHttpResult> Answer(string id, PackChange change) => change switch
    {
        { Outcome: PackChangeOutcome.Changed, Pack: { } pack } => TypedResults.Ok(PackResponse.From(pack)),
        { Outcome: PackChangeOutcome.Refused, Pack: { } pack } => Problem.Of(StatusCodes.Status409Conflict, ProblemTypes.PackRefused,
            "The pack was refused and cannot be enabled.",
            $"Pack '{id}' was refused at load: {pack.StatusReason}. Fix the pack and restart the server."),
        _ => NoSuchPack(id),
    };

    private static ProblemHttpResult NoSuchPack(string id) =>
        Problem.NotFound($"No pack '{id}' in the packs directory.");
}

public sealed record DisablePackRequest(string? Reason);

public sealed record PackListResponse(IReadOnlyList<PackResponse> Packs);
