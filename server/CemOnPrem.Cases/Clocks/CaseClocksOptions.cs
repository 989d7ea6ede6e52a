namespace CemOnPrem.Cases.Clocks;

/// <summary><c>Cem:Cases:Clocks</c>: when a clock warns before its due time.</summary>
public sealed class CaseClocksOptions
{
    public const string Section = "Cem:Cases:Clocks";

    /// <summary>Share of a clock's time after which it warns (0 &lt; x &lt; 1; default 0.75, i.e. at 75 % of the SLA).</summary>
    public double WarningShare { get; set; } = 0.75;
}
