namespace CemOnPrem.Identity.Users;

/// <summary>A person to create: roles and scope (org-unit subtrees, regions).</summary>
public sealed record UserDraft(string UserName, string Password, IReadOnlyList<string> Roles, IReadOnlyList<string> OrgUnits, IReadOnlyList<string> Regions);
