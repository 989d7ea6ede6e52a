namespace CemOnPrem.Cases.Notifications;

/// <summary>A webhook subscription as the admin API shows it: never its secret.</summary>
public sealed record WebhookSubscription(
    Guid Id, string Name, string Url, IReadOnlyList<string> Events, IReadOnlyList<string> Regions, bool Enabled, DateTimeOffset CreatedAt, string CreatedBy)
{
    /// <summary>Whether a case event of a region goes to this subscription (empty filters match all).</summary>
    public bool Matches(string region, string caseEvent) =>
        Enabled && (Events.Count == 0 || Events.Contains(caseEvent, StringComparer.Ordinal)) && (Regions.Count == 0 || Regions.Contains(region, StringComparer.Ordinal));
}
