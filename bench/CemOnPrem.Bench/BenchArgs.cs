using System.Globalization;

namespace CemOnPrem.Bench;

/// <summary>Minimal <c>--name value</c> / <c>--flag</c> parsing; durations accept 30s, 2m, 500ms or plain seconds.</summary>
internal sealed class BenchArgs
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);

    public BenchArgs(IEnumerable<string> args)
    {
        string? pending = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (pending is not null)
                {
                    Add(pending, "true");
                }

                var eq = arg.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0)
                {
                    Add(arg[2..eq], arg[(eq + 1)..]);
                    pending = null;
                }
                else
                {
                    pending = arg[2..];
                }
            }
            else if (pending is not null)
            {
                Add(pending, arg);
                pending = null;
            }
            else
            {
                throw new ArgumentException($"Unexpected argument '{arg}'.");
            }
        }

        if (pending is not null)
        {
            Add(pending, "true");
        }
    }

    public IReadOnlyCollection<string> Names => _values.Keys;

    public string String(string name, string fallback) => _values.TryGetValue(name, out var list) ? list[^1] : fallback;

    public string? OptionalString(string name) => _values.TryGetValue(name, out var list) ? list[^1] : null;

    public IReadOnlyList<string> All(string name) => _values.TryGetValue(name, out var list) ? list : [];

    public int Int(string name, int fallback) =>
        _values.TryGetValue(name, out var list) ? int.Parse(list[^1].Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture) : fallback;

    public double? Double(string name) =>
        _values.TryGetValue(name, out var list) ? double.Parse(list[^1], CultureInfo.InvariantCulture) : null;

    public bool Flag(string name) => _values.TryGetValue(name, out var list) && list[^1] is "true" or "on" or "yes" or "1";

    public TimeSpan Duration(string name, TimeSpan fallback)
    {
        if (!_values.TryGetValue(name, out var list))
        {
            return fallback;
        }

        var text = list[^1];
        return text switch
        {
            _ when text.EndsWith("ms", StringComparison.Ordinal) => TimeSpan.FromMilliseconds(double.Parse(text[..^2], CultureInfo.InvariantCulture)),
            _ when text.EndsWith('s') => TimeSpan.FromSeconds(double.Parse(text[..^1], CultureInfo.InvariantCulture)),
            _ when text.EndsWith('m') => TimeSpan.FromMinutes(double.Parse(text[..^1], CultureInfo.InvariantCulture)),
            _ => TimeSpan.FromSeconds(double.Parse(text, CultureInfo.InvariantCulture)),
        };
    }

    private void Add(string name, string value)
    {
        if (!_values.TryGetValue(name, out var list))
        {
            _values[name] = list = [];
        }

        list.Add(value);
    }
}
