using System.Text.Json;
using CemOnPrem.Contracts.Text;

namespace CemOnPrem.Http.Requests;

/// <summary>
/// <see cref="InputText"/>'s rules over every string and property name of a JSON body, for endpoints that read their
/// JSON themselves instead of binding it (bound bodies go through the server's checked string converter, which applies
/// the same rules). Strings are free text (tab, CR, LF allowed); property names are names (no control character). A
/// NUL or an unpaired surrogate would otherwise reach PostgreSQL, which refuses it with an error, not an answer.
/// </summary>
public static class JsonTextRules
{
    /// <returns>Null when the body passes or is not JSON at all (the caller's parser reports that); else the field and the rule.</returns>
    public static (string Field, string Error)? FirstViolation(ReadOnlyMemory<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return FirstViolation(document.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <returns>Null when every string and name under <paramref name="element"/> passes; else the field and the rule.</returns>
    public static (string Field, string Error)? FirstViolation(JsonElement element) => Check(element, "body");

    private static (string Field, string Error)? Check(JsonElement element, string field)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return TextOf(element) is not { } text || InputText.CheckFreeText(text) is not null ? (field, InputText.FreeTextRule) : null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (Check(item, $"{field}[{index++}]") is { } fault)
                    {
                        return fault;
                    }
                }

                return null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (NameOf(property) is not { } name || InputText.CheckSingleLine(name) is not null)
                    {
                        return (field, "a key " + InputText.SingleLineRule);
                    }

                    if (Check(property.Value, field == "body" ? name : $"{field}.{name}") is { } fault)
                    {
                        return fault;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    // Reading a name or a string refuses invalid UTF-16 (an escaped unpaired surrogate) with InvalidOperationException.
    private static string? NameOf(JsonProperty property)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static string? TextOf(JsonElement element)
    {
        try
        {
            return element.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
