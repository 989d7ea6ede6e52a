namespace CemOnPrem.Ingest;

/// <summary>Validation errors keyed by the JSON path of the field at fault.</summary>
internal sealed class Errors
{
    private readonly Dictionary<string, List<string>> _byField = new(StringComparer.Ordinal);

    public int Count => _byField.Count;

    public void Add(string field, string message)
    {
        if (!_byField.TryGetValue(field, out var messages))
        {
            _byField[field] = messages = [];
        }

        messages.Add(message);
    }

    /// <summary>These errors and <paramref name="more"/>'s in one dictionary (a malformed event also hears of its unusable identities).</summary>
    public Dictionary<string, string[]> With(Errors more)
    {
        var all = ToDictionary();
        foreach (var (field, messages) in more._byField)
        {
            all[field] = [.. messages];
        }

        return all;
    }

    public Dictionary<string, string[]> ToDictionary() =>
        _byField.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);
}
