using System.Text.Json;
using System.Text.Json.Serialization;
using CemOnPrem.Contracts.Customers;

namespace CemOnPrem.Storage.Encryption;

/// <summary>
/// The personal part of one event, stored as one encrypted JSON document in <c>events.pii</c>: the identities it
/// carried, its personal attributes and its free text. One AES-GCM operation per event instead of one per field.
/// </summary>
public sealed record PersonalFields(
    [property: JsonPropertyName("i")] IReadOnlyList<CustomerIdentity> Identities,
    [property: JsonPropertyName("a")] IReadOnlyDictionary<string, string> Attributes,
    [property: JsonPropertyName("t")] string? Text)
{
    /// <summary>No personal fields (for readers that need none).</summary>
    public static PersonalFields None { get; } = new([], new Dictionary<string, string>(), null);

    public static string EventBinding(string source, string eventId) => $"events|pii|{source}/{eventId}";

    public static string IdentityBinding(string type, byte[] blindIndex) => $"customer_identities|id_value|{type}/{Convert.ToHexString(blindIndex)}";

    public byte[] ToUtf8() => JsonSerializer.SerializeToUtf8Bytes(this);

    public static PersonalFields FromUtf8(byte[] utf8) =>
        JsonSerializer.Deserialize<PersonalFields>(utf8) ?? throw new JsonException("Empty personal fields.");

    /// <summary>Splits attributes into the operational ones (stored readable, for analytics) and the personal ones.</summary>
    public static (Dictionary<string, string> Operational, Dictionary<string, string> Personal) Split(
        IReadOnlyDictionary<string, string> attributes, PersonalDataOptions options)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        ArgumentNullException.ThrowIfNull(options);
        var operational = new Dictionary<string, string>(StringComparer.Ordinal);
        var personal = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in attributes)
        {
            (options.IsPersonal(name) ? personal : operational)[name] = value;
        }

        return (operational, personal);
    }
}
