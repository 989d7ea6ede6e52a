namespace CemOnPrem.Server.Tests.Access;

/// <summary>Who calls in the authorization matrix.</summary>
public enum CallerKind
{
    Anonymous,
    Person,
    Channel,
}

/// <summary>
/// One caller of the matrix: a person with one role, a channel client, or nobody; in or out of the target's org-unit
/// subtree and region (the target customer lives in region eu-central at org unit north-01).
/// </summary>
public sealed record MatrixCaller(CallerKind Kind, string? Role, bool OrgIn, bool RegionIn, HttpClient Http)
{
    public bool IsRole(params string[] roles) => Kind == CallerKind.Person && roles.Contains(Role);

    public bool InScope => OrgIn && RegionIn;

    public override string ToString() =>
        Kind switch
        {
            CallerKind.Anonymous => "anonymous",
            CallerKind.Channel => "channel client",
            _ => $"role {Role}",
        } + (Kind == CallerKind.Anonymous ? "" : $" (org {(OrgIn ? "in" : "out")}, region {(RegionIn ? "in" : "out")})");
}
