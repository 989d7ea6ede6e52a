namespace CemOnPrem.Server.Ingest;

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

    public Dictionary<string, string[]> ToDictionary() =>
        _byField.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);
}
