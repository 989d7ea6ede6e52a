namespace CemOnPrem.Packs.Hosting.Signing;

/// <summary>What verifying a pack folder found.</summary>
public enum SignatureOutcome
{
    /// <summary>Signed by a trusted key and every file matches.</summary>
    Verified,

    /// <summary>The folder carries no signature files at all.</summary>
    NotSigned,

    /// <summary>Signed, but something is wrong; <see cref="SignatureCheck.Problems"/> says what.</summary>
    Invalid,
}

/// <summary>The result of <see cref="PackSigning.Verify"/>.</summary>
/// <param name="Outcome">Verified, unsigned or invalid.</param>
/// <param name="Problems">Every problem found, each naming the file or key at fault; empty when verified.</param>
/// <param name="Publisher">The publisher the signature names, when readable.</param>
/// <param name="KeyId">The key id the signature names, when readable.</param>
public sealed record SignatureCheck(SignatureOutcome Outcome, IReadOnlyList<string> Problems, string? Publisher = null, string? KeyId = null)
{
    /// <summary>Most problems spelled out in <see cref="Reason"/>; the rest are counted.</summary>
    public const int ReasonProblemLimit = 5;

    /// <summary>True when verified.</summary>
    public bool IsValid => Outcome == SignatureOutcome.Verified;

    /// <summary>One line for logs, statuses and the command line; empty when verified.</summary>
    public string Reason =>
        Problems.Count <= ReasonProblemLimit
            ? string.Join("; ", Problems)
            : string.Join("; ", Problems.Take(ReasonProblemLimit)) + $"; and {Problems.Count - ReasonProblemLimit} more";

    internal static SignatureCheck Invalid(string problem, string? publisher = null, string? keyId = null) =>
        new(SignatureOutcome.Invalid, [problem], publisher, keyId);
}
