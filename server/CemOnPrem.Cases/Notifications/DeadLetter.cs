namespace CemOnPrem.Cases.Notifications;

/// <summary>A delivery given up on: what it was for, how often it was tried and the last error (no secrets, no addresses).</summary>
public sealed record DeadLetter(Guid Id, string Region, string CaseId, string Event, string Kind, string Target, int Attempts, string? LastError,
    DateTimeOffset CreatedAt);
