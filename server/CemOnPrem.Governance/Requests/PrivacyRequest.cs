namespace CemOnPrem.Governance.Requests;

/// <summary>A data-subject request (GDPR Art. 15-17) about one customer of one region.</summary>
public sealed record PrivacyRequest(
    Guid RequestId, string Region, string Type, string Status, string CustomerId, DateTime ReceivedAt, DateTime DueAt, string RequestedBy,
    string? ApprovedBy, DateTime? ApprovedAt, DateTime? ClosedAt, string? Note)
{
    public bool IsOpen => Status is RequestStatuses.Received or RequestStatuses.Approved;
}

public static class RequestTypes
{
    public const string Access = "access";
    public const string Erasure = "erasure";
    public const string Rectification = "rectification";

    public static IReadOnlyList<string> All { get; } = [Access, Erasure, Rectification];
}

/// <summary>received → approved → completed, or rejected from either open state.</summary>
public static class RequestStatuses
{
    public const string Received = "received";
    public const string Approved = "approved";
    public const string Completed = "completed";
    public const string Rejected = "rejected";

    public static IReadOnlyList<string> All { get; } = [Received, Approved, Completed, Rejected];
}
