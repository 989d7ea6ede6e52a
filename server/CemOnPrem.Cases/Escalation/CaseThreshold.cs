namespace CemOnPrem.Cases.Escalation;

/// <summary>One instant of a case clock: its warning or its breach (the due instant).</summary>
public sealed record CaseThreshold(string Clock, string Kind, DateTimeOffset At)
{
    public const string Sla = "sla";
    public const string Regulatory = "regulatory";
    public const string Warning = "warning";
    public const string Breach = "breach";

    public bool IsBreach => Kind == Breach;
}
