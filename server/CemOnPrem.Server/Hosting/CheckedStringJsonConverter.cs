using System.Text.Json;
using System.Text.Json.Serialization;
using CemOnPrem.Contracts.Text;

namespace CemOnPrem.Server.Hosting;

/// <summary>
/// Every string of every JSON body the endpoints bind goes through the free-text rule of <see cref="InputText"/>
/// (tab, CR and LF only): one place, so a new endpoint cannot forget it. Fields that are codes or identifiers are
/// stricter still in their own validators. A refusal is a <see cref="TextRuleJsonException"/>, which carries the
/// JSON path and becomes a 400 naming the field (<see cref="BadRequestProblems"/>); nothing is stored.
/// </summary>
internal sealed class CheckedStringJsonConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            // Numbers, booleans, objects where a string belongs: the same failure System.Text.Json reports.
            throw new JsonException();
        }

        var value = reader.GetString();
        return InputText.CheckFreeText(value) is { } error ? throw new TextRuleJsonException(error) : value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }

    // Dictionary keys are names: no control characters at all.
    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var name = reader.GetString()!;
        return InputText.CheckSingleLine(name) is { } error ? throw new TextRuleJsonException("a key " + error) : name;
    }

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(value);
    }
}
