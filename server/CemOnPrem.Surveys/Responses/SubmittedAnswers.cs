using System.Text.Json;

namespace CemOnPrem.Surveys.Responses;

/// <summary>
/// The body of <c>POST /api/v1/surveys/responses</c>, read by hand so every wrong shape is a 400 naming its field:
/// <c>{"token": "…", "answers": {"nps": 9, "why": ["fees"], "why/other": "…"}, "complete": true}</c>. An answer is a
/// string, a number or an array of them; what the values mean is the survey's validation's business.
/// </summary>
internal sealed record SubmittedAnswers(string Token, IReadOnlyDictionary<string, IReadOnlyList<string>> Answers, bool Complete)
{
    public const int MaxKeys = 200;
    public const int MaxKeyLength = 200;
    public const int MaxValuesPerKey = 50;

    public static (SubmittedAnswers? Body, string? Field, string? Error) Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, "body", "must be a JSON object.");
        }

        if (!root.TryGetProperty("token", out var token) || token.ValueKind != JsonValueKind.String)
        {
            return (null, "token", "is required: the invitation's link token (a string).");
        }

        var complete = false;
        if (root.TryGetProperty("complete", out var flag))
        {
            if (flag.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return (null, "complete", "must be true or false.");
            }

            complete = flag.GetBoolean();
        }

        if (!root.TryGetProperty("answers", out var answers) || answers.ValueKind != JsonValueKind.Object)
        {
            return (null, "answers", "is required: an object of answer keys to values.");
        }

        var parsed = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var answer in answers.EnumerateObject())
        {
            if (parsed.Count == MaxKeys)
            {
                return (null, "answers", $"has more than {MaxKeys} keys.");
            }

            if (answer.Name.Length is 0 or > MaxKeyLength || parsed.ContainsKey(answer.Name))
            {
                return (null, "answers", $"has an empty, repeated or longer than {MaxKeyLength} characters key.");
            }

            var values = Values(answer.Value);
            if (values is null)
            {
                return (null, $"answers.{answer.Name}", $"must be a string, a number or an array of at most {MaxValuesPerKey} of them.");
            }

            parsed[answer.Name] = values;
        }

        return (new SubmittedAnswers(token.GetString()!, parsed, complete), null, null);
    }

    private static List<string>? Values(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Array)
        {
            if (value.GetArrayLength() > MaxValuesPerKey)
            {
                return null;
            }

            var list = new List<string>();
            foreach (var item in value.EnumerateArray())
            {
                if (Scalar(item) is not { } text)
                {
                    return null;
                }

                list.Add(text);
            }

            return list;
        }

        return Scalar(value) is { } single ? [single] : null;
    }

    // A number keeps its JSON spelling ("9", "9.5"): the scale check refuses what is not a whole number.
    private static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        _ => null,
    };
}
