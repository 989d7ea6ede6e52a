using System.Text.Json.Serialization;

namespace CemOnPrem.Ingest;

/// <summary>An event as a channel posts it. Everything is nullable so that validation, not the parser, names what is missing.</summary>
public sealed class EventDocument
{
    public string? EventId { get; set; }

    public string? Source { get; set; }

    public string? OccurredAt { get; set; }

    public string? Region { get; set; }

    public List<IdentityDocument?>? Customer { get; set; }

    public string? Type { get; set; }

    public string? Touchpoint { get; set; }

    public string? OrgUnit { get; set; }

    public Dictionary<string, string?>? Attributes { get; set; }

    public Dictionary<string, double?>? Scores { get; set; }

    public string? Text { get; set; }
}

public sealed class IdentityDocument
{
    public string? Type { get; set; }

    public string? Value { get; set; }
}

/// <summary>Strict parsing: unknown properties are refused so typos ("ocurredAt") are not silently dropped.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(EventDocument))]
internal sealed partial class IngestJsonContext : JsonSerializerContext;
