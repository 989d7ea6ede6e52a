namespace CemOnPrem.Storage.OrgUnits;

/// <summary>A node of the organisation tree. <see cref="Path"/> lists codes from the root: <c>/hq/cn/cn-sh-branch-01/</c>.</summary>
public sealed record OrgUnit(string Code, string Name, string Level, string? ParentCode, string Path);
