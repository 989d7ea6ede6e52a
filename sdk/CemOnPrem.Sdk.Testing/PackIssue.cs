namespace CemOnPrem.Sdk.Testing;

/// <summary>One problem found in a pack: where (file-like path) and what.</summary>
public sealed record PackIssue(string Where, string Problem)
{
    public override string ToString() => $"{Where}: {Problem}";
}
