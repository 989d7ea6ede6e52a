namespace CemOnPrem.Surveys.Respondent;

/// <summary>A fixed-window limit: <see cref="PermitLimit"/> visits per <see cref="WindowSeconds"/>.</summary>
public sealed class UnitLinkLimit
{
    public int PermitLimit { get; set; }

    public int WindowSeconds { get; set; }
}
