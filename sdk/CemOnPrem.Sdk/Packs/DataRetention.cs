namespace CemOnPrem.Sdk.Packs;

/// <summary>The data categories the host purges after their retention period, and the rules for a pack's defaults.</summary>
public static class DataRetention
{
    /// <summary>Customers without any event in the period: every row of theirs, as for an erasure.</summary>
    public const string InactiveCustomers = "inactive-customers";

    /// <summary>The free text of events older than the period (the event and its scores stay).</summary>
    public const string FeedbackFreeText = "feedback-free-text";

    /// <summary>Survey invitation decisions due before the period.</summary>
    public const string SurveyInvitations = "survey-invitations";

    /// <summary>
    /// Longest default a pack may declare (about ten years, the longest record-keeping duty packs cite); a longer
    /// period is an operator's deliberate configuration, not a default.
    /// </summary>
    public const int MaxDefaultDays = 3660;

    /// <summary>The categories the host purges.</summary>
    public static IReadOnlyList<string> HostCategories { get; } = [InactiveCustomers, FeedbackFreeText, SurveyInvitations];

    /// <summary>
    /// What is wrong with a pack's retention default, or null when it is valid: a host category or
    /// <c>{packId}/{code}</c>, 1 to <see cref="MaxDefaultDays"/> days, a reason.
    /// </summary>
    /// <param name="packId">The declaring pack's id.</param>
    /// <param name="retentionDefault">The default to check.</param>
    /// <returns>A sentence naming the problem, or null.</returns>
    public static string? Problem(string packId, RetentionDefault retentionDefault)
    {
        ArgumentNullException.ThrowIfNull(retentionDefault);
        var category = retentionDefault.Category;
        var own = packId + "/";
        if (!HostCategories.Contains(category, StringComparer.Ordinal)
            && !(category is not null && category.StartsWith(own, StringComparison.Ordinal) && Codes.IsValid(category[own.Length..])))
        {
            return $"retention category '{category}' is neither a host category ({string.Join(", ", HostCategories)}) nor the pack's own '{own}{{code}}' (code {Codes.Rule}).";
        }

        if (retentionDefault.Days is < 1 or > MaxDefaultDays)
        {
            return $"retention default for '{category}' must be between 1 and {MaxDefaultDays} days (is {retentionDefault.Days}).";
        }

        return string.IsNullOrWhiteSpace(retentionDefault.Reason) ? $"retention default for '{category}' needs a reason." : null;
    }
}
