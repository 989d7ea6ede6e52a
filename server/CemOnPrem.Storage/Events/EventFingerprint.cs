using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;

namespace CemOnPrem.Storage.Events;

/// <summary>
/// A keyed hash of an event's content as validated, stored with the event (<c>events.fingerprint</c>): a replay of the
/// same (source, eventId) whose fingerprint differs is a different event reusing the id, not a retry.
/// </summary>
/// <remarks>
/// Canonical form: a JSON array of a version tag, region, source, event id, kind, touchpoint, org unit, occurredAt as UTC
/// ticks, identities (normalised, sorted by type then value), attributes and scores (sorted by key; scores as the bits of
/// the double, so 9 and 9.0 agree) and the text; ordinal comparisons throughout, so the same event always hashes alike
/// whatever order its JSON listed things in. HMAC-SHA256 under the region's blind-index key (the version tag keeps its
/// input apart from a blind index's "type\nvalue"): without the key the fingerprint says nothing about the identities
/// or text it covers. Changing this form makes every stored fingerprint disagree: bump the tag and keep the old form.
/// </remarks>
internal static class EventFingerprint
{
    private const string Version = "cem-event-fingerprint-v1";

    public static byte[] Of(byte[] key, NewEvent e)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            json.WriteStringValue(Version);
            json.WriteStringValue(e.Region);
            json.WriteStringValue(e.Source);
            json.WriteStringValue(e.EventId);
            json.WriteStringValue(e.Kind);
            WriteNullable(json, e.Touchpoint);
            WriteNullable(json, e.OrgUnit);
            json.WriteNumberValue(e.OccurredAt.UtcTicks);
            json.WriteStartArray();
            foreach (var identity in e.Identities.OrderBy(i => i.Type, StringComparer.Ordinal).ThenBy(i => i.Value, StringComparer.Ordinal))
            {
                json.WriteStringValue(identity.Type);
                json.WriteStringValue(identity.Value);
            }

            json.WriteEndArray();
            json.WriteStartArray();
            foreach (var (name, value) in e.Attributes.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                json.WriteStringValue(name);
                json.WriteStringValue(value);
            }

            json.WriteEndArray();
            json.WriteStartArray();
            foreach (var (name, value) in e.Scores.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                json.WriteStringValue(name);
                json.WriteNumberValue(BitConverter.DoubleToInt64Bits(value));
            }

            json.WriteEndArray();
            WriteNullable(json, e.Text);
            json.WriteEndArray();
        }

        return HMACSHA256.HashData(key, buffer.WrittenSpan);
    }

    private static void WriteNullable(Utf8JsonWriter json, string? value)
    {
        if (value is null)
        {
            json.WriteNullValue();
        }
        else
        {
            json.WriteStringValue(value);
        }
    }
}
