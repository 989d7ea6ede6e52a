namespace CemOnPrem.Analytics.Queries;

/// <summary>A query's group: period start, org-unit group, stage; null where the query does not group by it.</summary>
internal readonly record struct GroupKey(DateOnly? Period, string? OrgUnit, string? Stage);
