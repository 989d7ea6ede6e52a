namespace CemOnPrem.Surveys.Distribution;

/// <summary>A survey delivery given up on: which invitation, by which channel, how often tried and the last error (no address, no link).</summary>
public sealed record SurveyDeadLetter(Guid InvitationId, string Region, string SurveyKey, string Channel, int Attempts, string? LastError, DateTimeOffset CreatedAt);
