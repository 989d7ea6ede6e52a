using CemOnPrem.Contracts.Cases;

namespace CemOnPrem.Cases.Handling;

/// <summary>
/// A case as answered by the API: the case (customer id and personal text withheld unless the caller may see them),
/// the link to the customer's view, and whether customer fields were withheld.
/// </summary>
public sealed record CaseDetailResponse(CaseView Case, string? CustomerLink, bool CustomerFieldsWithheld);

/// <summary>One inbox row: non-personal fields only (open the case for its customer and notes).</summary>
public sealed record InboxItem(
    string Region, string CaseId, string CaseType, string State, int Priority, string QueueUnit, string? OrgUnit, string? Assignee,
    string? RuleId, bool HasCustomer, DateTimeOffset OpenedAt, DateTimeOffset SlaDueAt, DateTimeOffset? RegulatoryDueAt, bool Overdue, int Version);

/// <summary>
/// A page of the inbox, newest first. <see cref="RegionsNotServedHere"/> names regions of the caller's scope this node
/// does not serve (their cases are listed by a node that does).
/// </summary>
public sealed record InboxPage(IReadOnlyList<InboxItem> Items, string? NextCursor, IReadOnlyList<string> Regions, IReadOnlyList<string> RegionsNotServedHere);
