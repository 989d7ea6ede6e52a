using System.Globalization;
using System.Security.Claims;
using CemOnPrem.Contracts.Problems;
using CemOnPrem.Contracts.Text;
using CemOnPrem.Http.OrgUnits;
using CemOnPrem.Http.Problems;
using CemOnPrem.Http.Residency;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Sdk;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CemOnPrem.Cases.Handling;

/// <summary>The inbox: the caller's scope (org-unit subtrees, regions served here), filtered, newest first.</summary>
public static partial class CasesApi
{
    public const int DefaultPage = 50;
    public const int MaxPage = 200;

    internal static async Task<Results<Ok<InboxPage>, ProblemHttpResult>> InboxAsync(
        string? region, string? orgUnit, string? state, string? type, string? priority, string? overdue, string? assignee, string? text,
        string? cursor, string? limit, NodeRegions nodes, OrgTreeCache trees, CaseInbox inbox, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var scope = CallerScope.Of(user);
        var size = DefaultPage;
        InboxCursor? after = null;
        short parsedPriority = 0;
        var problem =
            region is not null && !nodes.IsConfigured(region) ? Problem.Invalid("region", $"is not configured; configured: {string.Join(", ", nodes.Configured)}.")
            : state is not null && !CaseStates.All.Contains(state, StringComparer.Ordinal) ? Problem.Invalid("state", $"must be one of {string.Join(", ", CaseStates.All)}.")
            : type is not null && !Codes.IsValid(type) ? Problem.Invalid("type", $"must be a case type: {Codes.Rule}.")
            : priority is not null && !(short.TryParse(priority, NumberStyles.None, CultureInfo.InvariantCulture, out parsedPriority) && parsedPriority is >= 1 and <= 4)
                ? Problem.Invalid("priority", "must be 1 (highest) to 4.")
            : overdue is not (null or "true" or "false") ? Problem.Invalid("overdue", "must be true or false.")
            : assignee is not null && (assignee.Length is 0 or > 256 || InputText.CheckSingleLine(assignee) is not null) ? Problem.Invalid("assignee", "must be a user name or 'me'.")
            : text is not null && (text.Length is 0 or > 100 || InputText.CheckSingleLine(text) is not null)
                ? Problem.Invalid("text", "must be 1-100 characters: a case id, case type, rule id or org unit.")
            : limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxPage)
                ? Problem.Invalid("limit", $"must be a whole number from 1 to {MaxPage}.")
            : cursor is not null && !InboxCursor.TryDecode(cursor, out after)
                ? Problem.Invalid("cursor", "is not a cursor this server issued; pass back nextCursor from the previous page.")
            : null;
        if (problem is not null)
        {
            return problem;
        }

        if (region is not null && !scope.HasRegion(region))
        {
            return AccessProblems.Forbidden([$"region '{region}' in the caller's scope"]);
        }

        var tree = await trees.ForScopeAsync(orgUnit is null ? scope.OrgUnits : [.. scope.OrgUnits, orgUnit], cancellationToken).ConfigureAwait(false);
        if (orgUnit is not null && !tree.Contains(orgUnit))
        {
            return Problem.Invalid("orgUnit", $"'{orgUnit}' is not an org unit.", StatusCodes.Status422UnprocessableEntity, ProblemTypes.UnknownOrgUnit);
        }

        if (orgUnit is not null && !tree.IsWithin(orgUnit, scope.OrgUnits))
        {
            return AccessProblems.Forbidden([$"org-unit scope over '{orgUnit}'"]);
        }

        var wanted = region is null ? scope.Regions.Where(nodes.IsConfigured).Order(StringComparer.Ordinal).ToList() : [region];
        var served = wanted.Where(nodes.IsServedHere).ToList();
        var units = tree.CodesUnder(orgUnit is null ? scope.OrgUnits : [orgUnit]);
        var query = new InboxQuery(served, units, state, type, priority is null ? null : (int?)parsedPriority, overdue == "true",
            assignee == "me" ? CaseAccess.Actor(user) : assignee, text, after, size);
        var (items, next) = units.Count == 0 || served.Count == 0 ? ([], null) : await inbox.ListAsync(query, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new InboxPage(items, next?.Encode(), served, [.. wanted.Except(served, StringComparer.Ordinal)]));
    }
}
