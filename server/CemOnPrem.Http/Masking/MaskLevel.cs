namespace CemOnPrem.Http.Masking;

/// <summary>How much of a customer's personal data a reader sees.</summary>
public enum MaskLevel
{
    /// <summary>Pseudonyms instead of identities and personal attributes, no free text (analyst).</summary>
    Pseudonymous,

    /// <summary>Contact fields masked (<c>+49 *** ***12</c>, <c>j***@example.com</c>) (agent, purpose without full values).</summary>
    Masked,

    /// <summary>Everything decrypted (compliance; agent under a purpose that allows it).</summary>
    Full,
}
