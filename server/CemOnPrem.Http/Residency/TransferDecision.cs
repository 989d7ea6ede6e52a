namespace CemOnPrem.Http.Residency;

/// <summary>The answer of <see cref="CrossBorderTransferPolicy"/> for one attempt.</summary>
/// <param name="IsTransfer">False when the data stays in its jurisdiction (nothing checked, nothing recorded).</param>
/// <param name="Rule">The rule that allowed it, or — when denied — the rule that would be needed.</param>
public sealed record TransferDecision(bool IsTransfer, bool Allowed, string From, string? To, string? Purpose, string Category, string Rule)
{
    public static TransferDecision Local(string region, string category) => new(false, true, region, region, null, category, "");
}
