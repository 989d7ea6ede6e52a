using System.Text.Json.Serialization;

namespace CemOnPrem.Storage.Clustering;

/// <summary>One silo's suspicion of a member, as stored in <c>cluster_members.suspect_times</c>.</summary>
internal sealed record SuspectVote(
    [property: JsonPropertyName("silo")] string Silo,
    [property: JsonPropertyName("at")] DateTime At);

[JsonSerializable(typeof(List<SuspectVote>))]
internal sealed partial class SuspectVoteJson : JsonSerializerContext;
