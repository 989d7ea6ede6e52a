using CemOnPrem.Sdk;

namespace CemOnPrem.Cases.Escalation;

/// <summary>Settings of case clocks and escalation (section <c>Cem:Cases:Escalation</c>); see docs/cases.md.</summary>
public sealed class EscalationOptions
{
    public const string Section = "Cem:Cases:Escalation";

    /// <summary>How often each node looks for cases whose clocks changed and (re-)arms their reminders.</summary>
    public int ArmIntervalMilliseconds { get; set; } = 1000;

    /// <summary>Cases armed per database round trip.</summary>
    public int ArmBatchSize { get; set; } = 500;

    /// <summary>
    /// The period of a case's reminder. A reminder fires at the next instant; the period only matters when that tick
    /// was missed (a node died at the instant) or failed (the database was down): Orleans then fires at the next
    /// multiple of the period, so it bounds how late a warning or breach can be after a failover.
    /// </summary>
    public int RetryPeriodSeconds { get; set; } = 60;

    /// <summary>
    /// Where a breach escalates to, by org-unit level: <c>branch → region</c> sends a case queued at a branch to the
    /// region above it. A level not listed (or whose target level is not above the unit) escalates to the parent.
    /// </summary>
    public Dictionary<string, string> Chain { get; set; } = new(StringComparer.Ordinal);

    public IEnumerable<string> Validate()
    {
        if (ArmIntervalMilliseconds is < 100 or > 60_000)
        {
            yield return $"{Section}:ArmIntervalMilliseconds must be between 100 and 60000 (is {ArmIntervalMilliseconds}).";
        }

        if (ArmBatchSize is < 1 or > 10_000)
        {
            yield return $"{Section}:ArmBatchSize must be between 1 and 10000 (is {ArmBatchSize}).";
        }

        if (RetryPeriodSeconds is < 1 or > 86_400)
        {
            yield return $"{Section}:RetryPeriodSeconds must be between 1 and 86400 (is {RetryPeriodSeconds}).";
        }

        foreach (var (from, to) in Chain)
        {
            if (!Codes.IsValid(from))
            {
                yield return $"{Section}:Chain:{from}: an org-unit level {Codes.Rule}.";
            }
            else if (!Codes.IsValid(to))
            {
                yield return $"{Section}:Chain:{from}: the level to escalate to {Codes.Rule} (is '{to}').";
            }
            else if (string.Equals(from, to, StringComparison.Ordinal))
            {
                yield return $"{Section}:Chain:{from} escalates to its own level; name a level above it.";
            }
        }
    }
}
