using System.Text.Json.Serialization;

namespace CemOnPrem.Cases.Notifications;

/// <summary>
/// The body of a webhook call and the facts of an e-mail: ids, codes and instants only. Never a customer's identity
/// or free text (notes, root-cause text), so a receiver mirrors the case without holding personal data.
/// </summary>
public sealed record CaseNotification(
    [property: JsonPropertyName("region")] string Region,
    [property: JsonPropertyName("caseId")] string CaseId,
    [property: JsonPropertyName("event")] string Event,
    [property: JsonPropertyName("occurredAt")] DateTimeOffset OccurredAt,
    [property: JsonPropertyName("historyEntry")] long HistoryEntry,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("priority")] int Priority,
    [property: JsonPropertyName("queueUnit")] string QueueUnit,
    [property: JsonPropertyName("orgUnit")] string? OrgUnit,
    [property: JsonPropertyName("assigneeId")] string? AssigneeId,
    [property: JsonPropertyName("escalationLevel")] int EscalationLevel,
    [property: JsonPropertyName("slaDueAt")] DateTimeOffset SlaDueAt,
    [property: JsonPropertyName("regulatoryDueAt")] DateTimeOffset? RegulatoryDueAt);
