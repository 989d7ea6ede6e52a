namespace CemOnPrem.Surveys.Distribution;

/// <summary>An outbox row claimed for one round, with what its invitation says.</summary>
public sealed record ClaimedDelivery(
    Guid Id, string Region, string State, string Channel, string? Link, bool IgnoreCap, int Attempts, string? CustomerId, string SurveyKey,
    string SurveyVersion, string Language, string InvitationStatus, DateTime ExpiresAt)
{
    public DateTimeOffset Expires => new(DateTime.SpecifyKind(ExpiresAt, DateTimeKind.Utc));
}
