namespace CemOnPrem.Contracts.Customers;

/// <summary>
/// The outcome of <see cref="IdentityRules.Check"/>: the normalised value an identity is stored, stitched and looked up
/// by, or why the value is unusable (a sentence fit to follow the field name in an error message; never the value).
/// </summary>
public readonly record struct IdentityCheck(string? Value, string? Problem)
{
    public bool IsUsable => Value is not null;

    internal static IdentityCheck Usable(string value) => new(value, null);

    internal static IdentityCheck Unusable(string problem) => new(null, problem);
}
