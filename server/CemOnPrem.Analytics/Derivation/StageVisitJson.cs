using System.Text.Json;

namespace CemOnPrem.Analytics.Derivation;

/// <summary>How a stage visit is stored in <c>journeys.stages</c> and returned by the API.</summary>
public sealed record StageVisitJson(string Stage, DateTimeOffset EnteredAt, DateTimeOffset? ExitedAt)
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
