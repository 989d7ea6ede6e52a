namespace CemOnPrem.Contracts.Cases;

/// <summary>What an edit did: applied (with the new version), or why not.</summary>
[GenerateSerializer, Immutable, Alias("cem.case-edit-result")]
public sealed record CaseEditResult(
    [property: Id(0)] CaseEditStatus Status,
    [property: Id(1)] int Version,
    [property: Id(2)] string? Detail = null,
    [property: Id(3)] IReadOnlyList<string>? AllowedTransitions = null,
    [property: Id(4)] string? Field = null)
{
    public static CaseEditResult Applied(int version) => new(CaseEditStatus.Applied, version);

    public static CaseEditResult Missing() => new(CaseEditStatus.NotFound, 0);

    public static CaseEditResult Stale(int current) => new(CaseEditStatus.Stale, current, $"The case is at version {current}.");

    public static CaseEditResult Invalid(string field, string detail, int version) => new(CaseEditStatus.Invalid, version, detail, Field: field);
}

/// <summary>How an edit ended; the API maps each to a status code (200, 404, 412, 409, 422).</summary>
[GenerateSerializer, Alias("cem.case-edit-status")]
public enum CaseEditStatus
{
    Applied,
    NotFound,
    Stale,
    Conflict,
    Invalid,
}
