using System.Security.Claims;
using CemOnPrem.Cases.Clocks;
using CemOnPrem.Contracts.Cases;
using CemOnPrem.Contracts.Problems;
using CemOnPrem.Contracts.Regions;
using CemOnPrem.Http.Customers;
using CemOnPrem.Http.OrgUnits;
using CemOnPrem.Http.Problems;
using CemOnPrem.Http.Residency;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Sdk;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CemOnPrem.Cases.Handling;

/// <summary>Manual opening: region and org unit in the caller's scope, a customer the caller may see (if any).</summary>
public static partial class CasesApi
{
    internal static async Task<Results<Created<CaseDetailResponse>, ProblemHttpResult>> OpenAsync(OpenCaseBody? body, NodeRegions nodes, RegionRouting routing,
        OrgTreeCache trees, CustomerVisibility visibility, ManualCases manual, IGrainFactory grains, ClaimsPrincipal user, HttpContext http,
        CancellationToken cancellationToken)
    {
        if (body is null || !Codes.IsValid(body.Region))
        {
            return Problem.Invalid("region", "is required (a region code).");
        }

        var region = body.Region!;
        if (!nodes.IsConfigured(region))
        {
            return Problem.Invalid("region", $"is not configured; configured: {string.Join(", ", nodes.Configured)}.", StatusCodes.Status422UnprocessableEntity,
                ProblemTypes.UnknownRegion);
        }

        if (routing.ForWrite(region) is { } misdirected)
        {
            return misdirected;
        }

        if (BodyProblem(body) is { } invalid)
        {
            return invalid;
        }

        var scope = CallerScope.Of(user);
        var tree = await trees.ForScopeAsync([.. scope.OrgUnits, body.OrgUnit!], cancellationToken).ConfigureAwait(false);
        if (!tree.Contains(body.OrgUnit!))
        {
            return Problem.Invalid("orgUnit", $"'{body.OrgUnit}' is not an org unit.", StatusCodes.Status422UnprocessableEntity, ProblemTypes.UnknownOrgUnit);
        }

        if (!scope.HasRegion(region) || !tree.IsWithin(body.OrgUnit!, scope.OrgUnits))
        {
            return AccessProblems.Forbidden([$"region '{region}' and org-unit scope over '{body.OrgUnit}'"]);
        }

        // A customer the caller cannot see and one that does not exist get the same answer.
        if (body.CustomerId is { } customerId && !await visibility.IsVisibleAsync(user, region, customerId, cancellationToken).ConfigureAwait(false))
        {
            return Problem.Invalid("customerId", "names no customer in your scope in that region.", StatusCodes.Status422UnprocessableEntity);
        }

        var sla = body.Sla is { } s ? new CemOnPrem.Sdk.Journeys.Sla { Amount = s.Amount!.Value, Unit = CaseClockUnits.FromCode(s.Unit!) } : null;
        var caseId = await manual.OpenAsync(new ManualCase(region, body.OrgUnit!, body.CaseType!, body.Priority, body.CustomerId, sla, CaseAccess.Actor(user)),
            cancellationToken).ConfigureAwait(false);
        var view = await grains.GetGrain<ICaseGrain>(RegionalKey.Compose(region, caseId)).GetAsync(withPersonalText: false).ConfigureAwait(false);
        CaseAccess.RememberSubject(http, view!);
        CaseETags.Set(http, view!.Version);
        return TypedResults.Created($"/api/v1/cases/{region}/{caseId}", Shown(view, user, http));
    }

    private static ProblemHttpResult? BodyProblem(OpenCaseBody body)
    {
        if (!Codes.IsValid(body.OrgUnit))
        {
            return Problem.Invalid("orgUnit", $"is required: the org unit whose queue gets the case ({Codes.Rule}).");
        }

        if (!Codes.IsValid(body.CaseType))
        {
            return Problem.Invalid("caseType", $"is required (e.g. complaint, detractor-follow-up) and {Codes.Rule}.");
        }

        if (body.Priority is { } p && p is < 1 or > 4)
        {
            return Problem.Invalid("priority", "must be 1 (highest) to 4.");
        }

        if (body.CustomerId is { } id && (id.Length != 34 || !id.StartsWith("c-", StringComparison.Ordinal) || !id[2..].All(char.IsAsciiHexDigitLower)))
        {
            return Problem.Invalid("customerId", "must be a customer id (c- and 32 hex digits), e.g. from the customer's view.");
        }

        if (body.Sla is { } sla)
        {
            if (sla.Unit is not ("hours" or "days" or "business-hours" or "business-days"))
            {
                return Problem.Invalid("sla.unit", "must be hours, days, business-hours or business-days.");
            }

            if (sla.Amount is not (> 0 and <= 10_000))
            {
                return Problem.Invalid("sla.amount", "must be greater than 0 and at most 10000.");
            }
        }

        return null;
    }
}
