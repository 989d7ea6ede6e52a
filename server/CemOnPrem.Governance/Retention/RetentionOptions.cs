using CemOnPrem.Sdk.Packs;

namespace CemOnPrem.Governance;

/// <summary>Retention periods per data category and the purge job's schedule (section <c>Cem:Privacy:Retention</c>).</summary>
public sealed class RetentionOptions
{
    /// <summary>Runs the scheduled purge. Off by default: an operator turns it on once the periods are agreed with the DPO.</summary>
    public bool Enabled { get; set; }

    /// <summary>Only report what a scheduled run would purge.</summary>
    public bool DryRun { get; set; }

    public int IntervalMinutes { get; set; } = 24 * 60;

    /// <summary>
    /// Days to keep, per category (<see cref="RetentionCategories"/>); overrides the active packs' defaults. A category
    /// neither configured nor defaulted by a pack is kept indefinitely (<see cref="Retention.RetentionPeriods"/>).
    /// </summary>
    public Dictionary<string, int> Periods { get; set; } = new(StringComparer.Ordinal);

    public IEnumerable<string> Validate(int surveyCauseMaxAgeDays)
    {
        const string section = PrivacyOptions.Section + ":Retention";
        if (IntervalMinutes is < 1 or > 7 * 24 * 60)
        {
            yield return $"{section}:IntervalMinutes must be between 1 and 10080 (is {IntervalMinutes}).";
        }

        foreach (var (category, days) in Periods)
        {
            if (!RetentionCategories.All.Contains(category))
            {
                yield return $"{section}:Periods:{category} is not a data category; known: {string.Join(", ", RetentionCategories.All)}.";
            }
            else if (days is < 1 or > 36_500)
            {
                yield return $"{section}:Periods:{category} must be between 1 and 36500 days (is {days}).";
            }
            else if (category == RetentionCategories.SurveyInvitations && days <= surveyCauseMaxAgeDays)
            {
                // A purged invitation younger than the trigger window would be decided again by the projection.
                yield return $"{section}:Periods:{category} must be longer than {PrivacyOptions.Section}:SurveyCauseMaxAgeDays ({surveyCauseMaxAgeDays}).";
            }
        }
    }
}

/// <summary>The data categories retention periods apply to.</summary>
public static class RetentionCategories
{
    /// <summary>Customers whose latest event is older than the period: every row of theirs, as for an erasure.</summary>
    public const string InactiveCustomers = DataRetention.InactiveCustomers;

    /// <summary>The free text of events older than the period (the event itself and its scores stay).</summary>
    public const string FeedbackFreeText = DataRetention.FeedbackFreeText;

    /// <summary>Survey invitations due before the period.</summary>
    public const string SurveyInvitations = DataRetention.SurveyInvitations;

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(DataRetention.HostCategories, StringComparer.Ordinal);
}
