namespace CemOnPrem.Contracts.Customers;

/// <summary>
/// Identity values are compared after normalisation, so "Ann@Example.com " and "ann@example.com"
/// stitch to one customer. Ingest, the writer, lookups and rectification all go through
/// <see cref="IdentityRules.Check"/>, which also refuses values that normalise to (almost) nothing.
/// </summary>
public static class IdentityNormalization
{
    /// <summary>The normalised value, or <c>""</c> when the value is unusable (<see cref="IdentityRules"/> says why).</summary>
    /// <remarks>An empty string matches no stored identity: the writer stores none that is unusable.</remarks>
    public static string Normalize(string type, string value) => IdentityRules.Check(type, value).Value ?? "";
}
