using System.Text.Json;
using CemOnPrem.Analytics.Derivation;
using Xunit;

namespace CemOnPrem.Analytics.Tests;

/// <summary>
/// The stored scores/attributes JSON parsed into <see cref="FieldMap{TValue}"/>: the same values a JSON document
/// gives (what the derivation read before), and maps pack code cannot change.
/// </summary>
public sealed class PackEventsTests
{
    public static TheoryData<string> Objects =>
    [
        "{}",
        """{"nps": 9}""",
        """{"nps": 9, "csat": 4.5, "ces": -1e2, "note": "x", "flag": true, "none": null, "list": [1, 2], "nested": {"a": {"b": 1}}}""",
        """{"branch": "Zürich \u00e9", "tier": "gold", "visits": 12, "tags": ["a", "b"], "empty": "", "obj": {"k": "v"}}""",
        """{"k0": 0, "k1": 1, "k2": 2, "k3": 3, "k4": 4, "k5": 5, "k6": 6, "k7": 7, "k8": 8, "k9": 9, "k10": 10, "k11": "eleven"}""",
    ];

    [Theory]
    [MemberData(nameof(Objects))]
    public void Scores_are_the_numeric_members(string json)
    {
        using var document = JsonDocument.Parse(json);
        var expected = document.RootElement.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Number)
            .ToDictionary(p => p.Name, p => p.Value.GetDouble());
        var scores = PackEvents.ReadScores(json);

        Assert.Equal(expected.OrderBy(p => p.Key), scores.OrderBy(p => p.Key));
        foreach (var (key, value) in expected)
        {
            Assert.Equal(value, scores[key]);
            Assert.True(scores.ContainsKey(key));
        }

        Assert.False(scores.TryGetValue("missing", out _));
    }

    [Theory]
    [MemberData(nameof(Objects))]
    public void Attributes_are_strings_or_the_members_json_text(string json)
    {
        using var document = JsonDocument.Parse(json);
        var expected = document.RootElement.EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText());
        var attributes = PackEvents.ReadAttributes(json);

        Assert.Equal(expected.OrderBy(p => p.Key), attributes.OrderBy(p => p.Key));
        Assert.Equal(expected.Count, attributes.Count);
        foreach (var (key, value) in expected)
        {
            Assert.True(attributes.TryGetValue(key, out var actual));
            Assert.Equal(value, actual);
        }
    }

    [Fact]
    public void A_parsed_map_cannot_be_cast_back_into_a_mutable_dictionary()
    {
        var scores = PackEvents.ReadScores("""{"nps": 9}""");

        Assert.IsNotAssignableFrom<IDictionary<string, double>>(scores);
        Assert.IsNotAssignableFrom<System.Collections.IDictionary>(scores);
        Assert.Throws<KeyNotFoundException>(() => scores["csat"]);
    }

    [Fact]
    public void The_last_of_a_repeated_key_wins()
    {
        var map = FieldMap<string>.Build([new("a", "1"), new("b", "2"), new("a", "3")]);

        Assert.Equal(2, map.Count);
        Assert.Equal("3", map["a"]);
    }
}
