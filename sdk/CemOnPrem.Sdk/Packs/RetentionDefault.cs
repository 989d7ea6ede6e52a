namespace CemOnPrem.Sdk.Packs;

/// <summary>
/// A pack's default retention period for one data category (<c>retentionDefaults</c> in <c>pack.json</c>). The host
/// uses it only when the operator configured no period for the category; when packs disagree the longest wins.
/// </summary>
public sealed record RetentionDefault
{
    /// <summary>
    /// A host category (<see cref="DataRetention.InactiveCustomers"/>, <see cref="DataRetention.FeedbackFreeText"/>,
    /// <see cref="DataRetention.SurveyInvitations"/>) or one of the pack's own, written <c>{pack id}/{code}</c>.
    /// </summary>
    public required string Category { get; init; }

    /// <summary>Days to keep, from 1 to <see cref="DataRetention.MaxDefaultDays"/>.</summary>
    public required int Days { get; init; }

    /// <summary>One line saying why this period (shown to the data-protection officer in review).</summary>
    public required string Reason { get; init; }
}
