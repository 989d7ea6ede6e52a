using System.Text.Json;

namespace CemOnPrem.Server.Hosting;

/// <summary>A JSON string that breaks the control-character rule; its message is the rule, in the API's words.</summary>
internal sealed class TextRuleJsonException(string message) : JsonException(message);
