namespace CemOnPrem.Cases.Handling;

/// <summary><c>Cem:Cases</c> settings of case handling (validated at start by <see cref="CaseHandlingOptionsValidator"/>).</summary>
public sealed class CaseHandlingOptions
{
    public const string Section = "Cem:Cases";

    /// <summary>Days after resolution during which a resolved or closed case can be reopened (1-366).</summary>
    public int ReopenDays { get; set; } = 14;

    /// <summary>Clocks of a manual case whose type no active pack's rule declares.</summary>
    public ManualCaseDefaults ManualDefaults { get; set; } = new();
}
